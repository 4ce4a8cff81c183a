import Foundation
import LibCSV
import LibXLSXWriter
import WerksessiesModel

/// A batch of table rows: CSV records kept as bytes, or sheet rows as strings.
protocol TableRows: Sendable {
    /// Number of rows in the batch.
    var count: Int { get }
    /// The row number (as a spreadsheet shows it) of row `record`.
    func rowNumber(_ record: Int) -> Int
    /// Number of cells of row `record`.
    func cellCount(_ record: Int) -> Int
    /// A cell as read (not trimmed).
    func cell(_ record: Int, _ column: Int) -> String
    /// The cell trimmed, as `LookupFolding.trim(cell(record, column))`.
    func trimmedCell(_ record: Int, _ column: Int) -> String
    /// True when the cell is empty or whitespace only.
    func isBlankCell(_ record: Int, _ column: Int) -> Bool
}

extension TableRows {
    /// The cells of a row as strings.
    func cells(_ record: Int) -> [String] { (0..<cellCount(record)).map { cell(record, $0) } }

    /// True when every cell of a row is blank.
    func isBlankRow(_ record: Int) -> Bool {
        for column in 0..<cellCount(record) where !isBlankCell(record, column) { return false }
        return true
    }
}

extension CSVRecords: TableRows {
    func rowNumber(_ record: Int) -> Int { rows[record] }

    func cellCount(_ record: Int) -> Int { recordEnds[record] - firstField(record) }

    func cell(_ record: Int, _ column: Int) -> String {
        String(decoding: bytes[range(ofField: firstField(record) + column)], as: UTF8.self)
    }

    func trimmedCell(_ record: Int, _ column: Int) -> String {
        let range = range(ofField: firstField(record) + column)
        guard let lower = range.first else { return "" }
        let first = bytes[lower], last = bytes[range.upperBound - 1]
        let text = String(decoding: bytes[range], as: UTF8.self)
        // No space, control or non-ASCII byte at either end: nothing to trim.
        if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return text }
        return LookupFolding.trim(text)
    }

    func isBlankCell(_ record: Int, _ column: Int) -> Bool {
        let range = range(ofField: firstField(record) + column)
        if range.isEmpty { return true }
        // A printable ASCII byte is never trimmed away.
        for i in range where bytes[i] > 0x20 && bytes[i] < 0x80 { return false }
        return LookupFolding.trim(String(decoding: bytes[range], as: UTF8.self)).isEmpty
    }
}

extension RecordBatch: TableRows {
    var count: Int { rows.count }

    func rowNumber(_ record: Int) -> Int { rows[record] }

    func cellCount(_ record: Int) -> Int { ends[record] - (record == 0 ? 0 : ends[record - 1]) }

    func cell(_ record: Int, _ column: Int) -> String { fields[(record == 0 ? 0 : ends[record - 1]) + column] }

    func trimmedCell(_ record: Int, _ column: Int) -> String { LookupFolding.trim(cell(record, column)) }

    func isBlankCell(_ record: Int, _ column: Int) -> Bool {
        let text = cell(record, column)
        return text.isEmpty || LookupFolding.trim(text).isEmpty
    }
}

/// What the rows of a batch gave, in row order, for the merger (see `TableIngestor.merge`).
struct RowOutput: Sendable {
    enum Event: Sendable {
        case diagnostic(Diagnostic)
        /// A ragged row; listed only while fewer than the limit were listed.
        case ragged(Diagnostic)
        /// A valid registration, with the hash of its e-mail key.
        case registration(Registration, keyHash: Int)
        case rejected
        /// The table cannot be read on from this row.
        case failure(IngestError)
    }

    var events: [Event] = []
    /// Data rows (not blank) read.
    var dataRows = 0
}

/// Turns data rows into registrations and diagnostics once the header is known. It depends only on the rows it is
/// given (its caches change speed, never results), so batches can be built in parallel and merged in order.
struct RowBuilder: Sendable {
    let file: String
    let sheet: String?
    let fileIndex: Int
    let statuses: AnswerParsing.StatusVocabulary
    /// CSV: report rows with another number of fields than the header.
    let reportRagged: Bool
    let header: HeaderMap
    let headerWidth: Int
    private let plan: ColumnPlan
    private var timestamps = TimestampParser()
    /// Answers repeat a lot (Ja, Nee, statuses): each distinct value is interpreted once.
    private var yesNoCache = AnswerCache<AnswerParsing.YesNo>()
    private var consentCache = AnswerCache<AnswerParsing.YesNo>()
    private var statusCache = AnswerCache<AnswerParsing.StatusMeaning>()

    /// Columns of the mapped fields, resolved once per table.
    private struct ColumnPlan: Sendable {
        var firstName: Int?, infix: Int?, lastName: Int?, name: Int?, organisation: Int?, role: Int?
        var discipline: Int?, interests: Int?, mandate: Int?, consent: Int?, submittedAt: Int?, status: Int?
        var email: [Int] = []
        /// The name columns, the first used first (the others where it holds nothing or "Anonymous").
        var names: [Int] = []
        /// The consent column asks for a refusal (`consent_inverted` in the config): a yes there means no consent.
        var consentInverted = false
        var mandateCheckbox = false, consentCheckbox = false

        init(_ map: HeaderMap) {
            firstName = map.column(.firstName); infix = map.column(.infix); lastName = map.column(.lastName)
            name = map.column(.name); organisation = map.column(.organisation); role = map.column(.role)
            discipline = map.column(.discipline); interests = map.column(.interests); mandate = map.column(.mandate)
            consent = map.column(.consent); submittedAt = map.column(.submittedAt); status = map.column(.status)
            email = map.columns[.email] ?? []
            names = map.columns[.name] ?? []
            if consent == nil, let inverted = map.column(.consentInverted) {
                consent = inverted
                consentInverted = true
            }
            mandateCheckbox = mandate.map(map.checkboxColumns.contains) ?? false
            consentCheckbox = consent.map(map.checkboxColumns.contains) ?? false
        }
    }

    init(file: String, sheet: String?, fileIndex: Int, statuses: AnswerParsing.StatusVocabulary, reportRagged: Bool, header: HeaderMap, headerWidth: Int) {
        self.file = file
        self.sheet = sheet
        self.fileIndex = fileIndex
        self.statuses = statuses
        self.reportRagged = reportRagged
        self.header = header
        self.headerWidth = headerWidth
        plan = ColumnPlan(header)
    }

    private func diagnostic(_ severity: Diagnostic.Severity, _ code: String, row: Int?, column: String?, _ message: String, value: String = "") -> Diagnostic {
        Diagnostic(file: file, sheet: sheet, row: row, column: column, severity: severity, code: code, message: message, value: value)
    }

    private mutating func mandateAnswer(_ raw: String) -> AnswerParsing.YesNo {
        if raw.isEmpty { return .none }
        let checkbox = plan.mandateCheckbox
        return yesNoCache.value(for: raw) { AnswerParsing.yesNo($0, checkbox: checkbox) }
    }

    private mutating func consentAnswer(_ raw: String) -> AnswerParsing.YesNo {
        if raw.isEmpty { return .none }
        let checkbox = plan.consentCheckbox, inverted = plan.consentInverted
        return consentCache.value(for: raw) { AnswerParsing.inverted(AnswerParsing.yesNo($0, checkbox: checkbox), inverted) }
    }

    private mutating func status(_ raw: String) -> AnswerParsing.StatusMeaning {
        if raw.isEmpty { return .other }
        let vocabulary = statuses
        return statusCache.value(for: raw) { vocabulary.meaning(of: $0) }
    }

    /// Builds the rows `start...` of a batch into `out`; stops after a row that fails.
    mutating func build<Rows: TableRows>(_ rows: Rows, from start: Int = 0, into out: inout RowOutput) {
        for record in start..<rows.count {
            let width = rows.cellCount(record)
            let row = rows.rowNumber(record)
            if width > ValueLimits.maxColumns {
                out.events.append(.failure(IngestError(.csvSyntax, file: file, message: "row \(row) has \(width) fields (\(ValueLimits.maxColumns) at most): not a registration export")))
                return
            }
            if rows.isBlankRow(record) { continue }
            out.dataRows += 1
            if reportRagged, width != headerWidth {
                var extraHasValues = false
                if width > headerWidth {
                    for column in headerWidth..<width where !rows.isBlankCell(record, column) {
                        extraHasValues = true
                        break
                    }
                }
                if width < headerWidth || extraHasValues {
                    out.events.append(.ragged(diagnostic(
                        .warning, "ragged_row", row: row, column: nil,
                        "row has \(width) fields, the header has \(headerWidth)"
                            + (width < headerWidth ? "; missing fields are empty" : "; extra fields are ignored"))))
                }
            }
            process(rows, record, row: row, into: &out)
        }
    }

    private func value<Rows: TableRows>(_ rows: Rows, _ record: Int, _ index: Int?, row: Int, into out: inout RowOutput) -> String {
        guard let index, index < rows.cellCount(record) else { return "" }
        var text = rows.trimmedCell(record, index)
        if text.utf8.count > ValueLimits.maxCellCharacters, text.utf16.count > ValueLimits.maxCellCharacters {
            let original = text.utf16.count
            var scalars = String.UnicodeScalarView()
            var units = 0
            for scalar in text.unicodeScalars {
                units += scalar.utf16.count
                if units > ValueLimits.maxCellCharacters { break }
                scalars.append(scalar)
            }
            text = String(scalars)
            out.events.append(.diagnostic(diagnostic(
                .warning, "value_truncated", row: row, column: header.headers[index],
                "value of \(original) characters cut to \(ValueLimits.maxCellCharacters) (Excel's limit)", value: String(text.prefix(100)))))
        }
        if XMLText.needsCleaning(text) { text = cleanedForXML(text, column: index, row: row, into: &out) }
        return text
    }

    /// The value without the characters a workbook cannot hold (XML 1.0), with a warning naming them.
    private func cleanedForXML(_ text: String, column: Int, row: Int, into out: inout RowOutput) -> String {
        let (clean, removed) = XMLText.cleaned(text)
        out.events.append(.diagnostic(diagnostic(
            .warning, "invalid_character", row: row, column: header.headers[column],
            "removed \(removed.joined(separator: ", ")): characters a workbook cannot hold", value: String(clean.prefix(100)))))
        return clean
    }

    private mutating func process<Rows: TableRows>(_ rows: Rows, _ record: Int, row: Int, into out: inout RowOutput) {
        // E-mail: the first valid value among the e-mail columns.
        var email = ""
        var shownEmail = ""
        var emailColumn = plan.email.first ?? 0
        for column in plan.email {
            let raw = value(rows, record, column, row: row, into: &out)
            if raw.isEmpty || AnswerParsing.isAnonymous(raw) { continue }
            let cleaned = AnswerParsing.cleanEmail(raw)
            if shownEmail.isEmpty { shownEmail = raw; emailColumn = column }
            if AnswerParsing.isValidEmail(cleaned) {
                email = cleaned
                break
            }
        }
        if email.isEmpty {
            out.events.append(.rejected)
            if shownEmail.isEmpty {
                out.events.append(.diagnostic(diagnostic(.error, "missing_email", row: row, column: header.headers[emailColumn], "no e-mail address: row rejected")))
            } else {
                out.events.append(.diagnostic(diagnostic(
                    .error, "invalid_email", row: row, column: header.headers[emailColumn], "not a valid e-mail address: row rejected",
                    value: shownEmail)))
            }
            return
        }
        let firstName = value(rows, record, plan.firstName, row: row, into: &out)
        let infix = value(rows, record, plan.infix, row: row, into: &out)
        var lastName = value(rows, record, plan.lastName, row: row, into: &out)
        if !infix.isEmpty { lastName = lastName.isEmpty ? infix : infix + " " + lastName }
        // A form in anonymous mode (Microsoft Forms) fills its own name column with "Anonymous": the name is then
        // the form's question about it, if it asks.
        var name = ""
        for column in plan.names {
            name = value(rows, record, column, row: row, into: &out)
            if !name.isEmpty && !AnswerParsing.isAnonymous(name) { break }
            name = ""
        }

        let mandateRaw = value(rows, record, plan.mandate, row: row, into: &out)
        let (mandate, mandateProblem) = AnswerParsing.mandate(mandateAnswer(mandateRaw))
        if let mandateProblem {
            out.events.append(.diagnostic(diagnostic(
                .warning, "unclear_mandate", row: row, column: plan.mandate.map { header.headers[$0] }, mandateProblem, value: mandateRaw)))
        }
        let consentRaw = value(rows, record, plan.consent, row: row, into: &out)
        let (consent, consentProblem) = AnswerParsing.consent(consentAnswer(consentRaw))
        if let consentProblem {
            out.events.append(.diagnostic(diagnostic(
                .warning, "unclear_consent", row: row, column: plan.consent.map { header.headers[$0] }, consentProblem, value: consentRaw)))
        }
        let submittedRaw = value(rows, record, plan.submittedAt, row: row, into: &out)
        var submittedAt: Date? = nil
        if !submittedRaw.isEmpty {
            submittedAt = timestamps.parse(submittedRaw)
            if submittedAt == nil {
                out.events.append(.diagnostic(diagnostic(
                    .warning, "invalid_timestamp", row: row, column: plan.submittedAt.map { header.headers[$0] },
                    "not a date and time that could be read; the row counts as undated", value: submittedRaw)))
            }
        }
        let statusRaw = value(rows, record, plan.status, row: row, into: &out)
        let meaning = status(statusRaw)

        // The full name: the name column, or first and last name (built here, once).
        var fullName = name
        if fullName.isEmpty {
            fullName = firstName.isEmpty ? lastName : (lastName.isEmpty ? firstName : firstName + " " + lastName)
        }
        let emailKey = AnswerParsing.emailKey(email)
        let registration = Registration(
            source: SourceRef(file: file, sheet: sheet, row: row, fileIndex: fileIndex), email: email, emailKey: emailKey,
            firstName: firstName, lastName: lastName, name: fullName,
            organisation: value(rows, record, plan.organisation, row: row, into: &out),
            role: value(rows, record, plan.role, row: row, into: &out),
            discipline: value(rows, record, plan.discipline, row: row, into: &out),
            interests: value(rows, record, plan.interests, row: row, into: &out),
            mandate: mandate, mandateRaw: mandateRaw, consent: consent, submittedAt: submittedAt,
            cancelled: meaning == .cancelled, confirmed: meaning == .confirmed)
        out.events.append(.registration(registration, keyHash: emailKey.hashValue))
    }
}

/// Interpretations of repeated answers: the few most recent distinct values by linear search, then a dictionary.
struct AnswerCache<Value> {
    private var recentKeys: [String] = []
    private var recentValues: [Value] = []
    private var more: [String: Value] = [:]

    mutating func value(for key: String, compute: (String) -> Value) -> Value {
        for i in recentKeys.indices where recentKeys[i] == key { return recentValues[i] }
        if let hit = more[key] { return hit }
        let value = compute(key)
        if recentKeys.count < 16 {
            recentKeys.append(key)
            recentValues.append(value)
        } else if more.count < 10_000 {
            more[key] = value
        }
        return value
    }
}

extension AnswerCache: Sendable where Value: Sendable {}
