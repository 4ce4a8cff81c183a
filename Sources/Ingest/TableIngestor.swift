import Foundation
import WerksessiesModel

/// Everything the Ingest stage keeps across files: winners per e-mail, counts, diagnostics.
struct RegistrationMerger {
    private(set) var registrations: [Registration] = []
    private var slot: [String: Int] = [:]
    var counts = IngestCounts()
    var diagnostics: [Diagnostic] = []

    /// Adds a valid registration; the later one (by `submittedAt`, else input order) wins.
    /// Reserves room for about `rows` registrations.
    mutating func reserve(_ rows: Int) {
        let n = min(max(rows, 0), 4_000_000)
        registrations.reserveCapacity(n)
        slot.reserveCapacity(n)
    }

    mutating func add(_ registration: Registration) {
        // One hash for a new e-mail: insert, and put the old index back for a duplicate.
        guard let existing = slot.updateValue(registrations.count, forKey: registration.emailKey) else {
            registrations.append(registration)
            return
        }
        slot[registration.emailKey] = existing
        let current = registrations[existing]
        let newWins: Bool
        if let a = current.submittedAt, let b = registration.submittedAt, a != b {
            newWins = b > a
        } else {
            newWins = true  // equal or missing time: input order, the later row wins
        }
        let (winner, loser) = newWins ? (registration, current) : (current, registration)
        if newWins { registrations[existing] = registration }
        counts.duplicatesMerged += 1
        diagnostics.append(Diagnostic(
            file: loser.source.file, sheet: loser.source.sheet, row: loser.source.row, column: nil, severity: .info,
            code: "duplicate_merged",
            message: "an older registration of this e-mail; the one in \(Self.location(winner.source)) counts",
            value: loser.email))
    }

    private static func location(_ source: SourceRef) -> String {
        var text = source.file
        if let sheet = source.sheet { text += ":\(sheet)" }
        return text + " row \(source.row)"
    }

    /// Final counts: cancellations among the winners.
    mutating func finish() -> IngestResult {
        counts.cancelled = registrations.reduce(0) { $0 + ($1.cancelled ? 1 : 0) }
        return IngestResult(registrations: registrations, diagnostics: diagnostics, counts: counts, files: [])
    }
}

/// Limits on values, shared by the readers.
enum ValueLimits {
    /// Excel's own limit on the characters (UTF-16 units) in a cell; longer values are cut with a warning.
    static let maxCellCharacters = 32_767
    /// Cells longer than this (bytes) mean the file is not a registration export.
    static let maxCellBytes = 1 << 20
    /// Columns a sheet may have (Excel's maximum).
    static let maxColumns = 16_384
    /// Rows scanned for the header row.
    static let headerSearchRows = 30
}

/// Turns the rows of one table (a CSV file or a sheet) into registrations: finds the header row, maps it,
/// validates every data row and hands the result to the merger.
struct TableIngestor {
    let file: String
    let sheet: String?
    let fileIndex: Int
    let mapper: HeaderMapper
    let statuses: AnswerParsing.StatusVocabulary
    /// CSV: report rows with another number of fields than the header.
    let reportRagged: Bool
    private var timestamps = TimestampParser()
    private var header: HeaderMap?
    private var headerRowNumber = 0
    private var headerWidth = 0
    private var firstNonEmpty: [String]?
    private var nonEmptySeen = 0
    private(set) var dataRows = 0
    private var raggedReported = 0
    private var raggedTotal = 0
    /// Columns of the mapped fields, resolved once per table.
    private var plan = ColumnPlan()
    /// Answers repeat a lot (Ja, Nee, statuses): each distinct value is interpreted once.
    private var yesNoCache = AnswerCache<AnswerParsing.YesNo>()
    private var statusCache = AnswerCache<AnswerParsing.StatusMeaning>()

    private struct ColumnPlan {
        var firstName: Int?, infix: Int?, lastName: Int?, name: Int?, organisation: Int?, role: Int?
        var discipline: Int?, interests: Int?, mandate: Int?, consent: Int?, submittedAt: Int?, status: Int?
        var email: [Int] = []

        init() {}

        init(_ map: HeaderMap) {
            firstName = map.column(.firstName); infix = map.column(.infix); lastName = map.column(.lastName)
            name = map.column(.name); organisation = map.column(.organisation); role = map.column(.role)
            discipline = map.column(.discipline); interests = map.column(.interests); mandate = map.column(.mandate)
            consent = map.column(.consent); submittedAt = map.column(.submittedAt); status = map.column(.status)
            email = map.columns[.email] ?? []
        }
    }

    private mutating func yesNo(_ raw: String) -> AnswerParsing.YesNo {
        if raw.isEmpty { return .none }
        return yesNoCache.value(for: raw) { AnswerParsing.yesNo($0) }
    }

    private mutating func status(_ raw: String) -> AnswerParsing.StatusMeaning {
        if raw.isEmpty { return .other }
        let vocabulary = statuses
        return statusCache.value(for: raw) { vocabulary.meaning(of: $0) }
    }

    init(file: String, sheet: String?, fileIndex: Int, mapper: HeaderMapper, statuses: AnswerParsing.StatusVocabulary, reportRagged: Bool) {
        self.file = file
        self.sheet = sheet
        self.fileIndex = fileIndex
        self.mapper = mapper
        self.statuses = statuses
        self.reportRagged = reportRagged
    }

    private func diagnostic(_ severity: Diagnostic.Severity, _ code: String, row: Int?, column: String?, _ message: String, value: String = "") -> Diagnostic {
        Diagnostic(file: file, sheet: sheet, row: row, column: column, severity: severity, code: code, message: message, value: value)
    }

    private func where_() -> String { sheet.map { "sheet '\($0)'" } ?? "the file" }

    /// Consumes one row as read (cells untrimmed), with its row number as the user sees it.
    mutating func consume(_ cells: [String], row: Int, into merger: inout RegistrationMerger) throws {
        try consume(cells[...], row: row, into: &merger)
    }

    /// Consumes one row given as a slice (its indices need not start at 0).
    mutating func consume(_ cells: ArraySlice<String>, row: Int, into merger: inout RegistrationMerger) throws {
        if cells.count > ValueLimits.maxColumns {
            throw IngestError(file: file, message: "row \(row) has \(cells.count) fields (\(ValueLimits.maxColumns) at most): not a registration export")
        }
        guard let header else {
            try lookForHeader(Array(cells), row: row, merger: &merger)
            return
        }
        if isBlank(cells) { return }
        dataRows += 1
        merger.counts.rowsRead += 1
        if reportRagged, cells.count != headerWidth {
            let extraHasValues = cells.count > headerWidth && cells[(cells.startIndex + headerWidth)...].contains { !TextFolding.trim($0).isEmpty }
            if cells.count < headerWidth || extraHasValues {
                raggedTotal += 1
                if raggedReported < 1000 {
                    raggedReported += 1
                    merger.diagnostics.append(diagnostic(
                        .warning, "ragged_row", row: row, column: nil,
                        "row has \(cells.count) fields, the header has \(headerWidth)"
                            + (cells.count < headerWidth ? "; missing fields are empty" : "; extra fields are ignored")))
                }
            }
        }
        process(cells, row: row, header: header, merger: &merger)
    }

    private func isBlank<C: Collection<String>>(_ cells: C) -> Bool {
        for cell in cells where !cell.isEmpty {
            if !TextFolding.trim(cell).isEmpty { return false }
        }
        return true
    }

    private mutating func lookForHeader(_ cells: [String], row: Int, merger: inout RegistrationMerger) throws {
        if isBlank(cells) { return }
        nonEmptySeen += 1
        if firstNonEmpty == nil { firstNonEmpty = cells }
        let map = mapper.map(cells)
        let nonEmpty = cells.reduce(0) { $0 + (TextFolding.trim($1).isEmpty ? 0 : 1) }
        // A lone cell such as "E-mail export van het formulier" is a title, not a header; a lone "E-mail" is a header.
        let loneShortCell = nonEmpty == 1 && map.column(.email).map { TextFolding.tokens(TextFolding.fold(cells[$0])).count <= 2 } == true
        if map.column(.email) != nil, map.score >= 2 || nonEmpty >= 2 || loneShortCell {
            header = map
            plan = ColumnPlan(map)
            headerRowNumber = row
            headerWidth = cells.count
            if nonEmptySeen > 1 {
                merger.diagnostics.append(diagnostic(
                    .info, "header_row", row: row, column: nil,
                    "the header is row \(row); \(nonEmptySeen - 1) row(s) above it are skipped"))
            }
            for issue in map.issues {
                merger.diagnostics.append(diagnostic(.warning, issue.code, row: row, column: map.headers[issue.column], issue.message, value: issue.value))
            }
            if !map.unmapped.isEmpty {
                let names = map.unmapped.prefix(50).map { map.headers[$0] }
                merger.diagnostics.append(diagnostic(
                    .info, "unmapped_columns", row: row, column: nil,
                    "\(map.unmapped.count) column(s) not used: " + names.joined(separator: " | "), value: ""))
            }
            return
        }
        if nonEmptySeen >= ValueLimits.headerSearchRows { throw missingEmailError() }
    }

    private func missingEmailError() -> IngestError {
        let found = (firstNonEmpty ?? []).map { TextFolding.trim($0) }.filter { !$0.isEmpty }
        var list = found.prefix(40).map { "\"\($0.count > 60 ? String($0.prefix(60)) + "…" : $0)\"" }.joined(separator: ", ")
        if found.count > 40 { list += ", … (\(found.count) in all)" }
        let inSheet = sheet.map { " in sheet '\($0)'" } ?? ""
        return IngestError(
            file: file,
            message: "no e-mail column found\(inSheet) (looked for E-mailadres, E-mail, Email, Mail in the first "
                + "\(ValueLimits.headerSearchRows) rows); headers found: \(list.isEmpty ? "none" : list)")
    }

    /// Ends the table; returns the number of data rows.
    mutating func finish(into merger: inout RegistrationMerger) throws -> Int {
        if header == nil {
            if nonEmptySeen == 0 {
                throw IngestError(file: file, message: sheet.map { "sheet '\($0)' is empty: no rows" } ?? "no rows: the file holds only empty lines")
            }
            throw missingEmailError()
        }
        if raggedTotal > raggedReported {
            merger.diagnostics.append(diagnostic(.warning, "ragged_row", row: nil, column: nil, "\(raggedTotal - raggedReported) more ragged rows not listed"))
        }
        if dataRows == 0 {
            merger.diagnostics.append(diagnostic(.warning, "no_data_rows", row: headerRowNumber, column: nil, "\(where_()) has a header row but no data rows"))
        }
        return dataRows
    }

    // MARK: - Rows

    private mutating func value(_ cells: ArraySlice<String>, _ index: Int?, row: Int, header: HeaderMap, merger: inout RegistrationMerger) -> String {
        guard let index, index < cells.count else { return "" }
        let raw = cells[cells.startIndex + index]
        if raw.isEmpty { return raw }
        var text = TextFolding.trim(raw)
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
            merger.diagnostics.append(diagnostic(
                .warning, "value_truncated", row: row, column: header.headers[index],
                "value of \(original) characters cut to \(ValueLimits.maxCellCharacters) (Excel's limit)", value: String(text.prefix(100))))
        }
        return text
    }

    private mutating func process(_ cells: ArraySlice<String>, row: Int, header: HeaderMap, merger: inout RegistrationMerger) {
        // E-mail: the first valid value among the e-mail columns.
        var email = ""
        var shownEmail = ""
        var emailColumn = plan.email.first ?? 0
        for column in plan.email {
            let raw = value(cells, column, row: row, header: header, merger: &merger)
            if raw.isEmpty { continue }
            let cleaned = AnswerParsing.cleanEmail(raw)
            if shownEmail.isEmpty { shownEmail = raw; emailColumn = column }
            if AnswerParsing.isValidEmail(cleaned) {
                email = cleaned
                break
            }
        }
        let source = SourceRef(file: file, sheet: sheet, row: row, fileIndex: fileIndex)
        if email.isEmpty {
            merger.counts.rejected += 1
            if shownEmail.isEmpty {
                merger.diagnostics.append(diagnostic(.error, "missing_email", row: row, column: header.headers[emailColumn], "no e-mail address: row rejected"))
            } else {
                merger.diagnostics.append(diagnostic(
                    .error, "invalid_email", row: row, column: header.headers[emailColumn], "not a valid e-mail address: row rejected",
                    value: shownEmail))
            }
            return
        }
        let firstName = value(cells, plan.firstName, row: row, header: header, merger: &merger)
        let infix = value(cells, plan.infix, row: row, header: header, merger: &merger)
        var lastName = value(cells, plan.lastName, row: row, header: header, merger: &merger)
        if !infix.isEmpty { lastName = lastName.isEmpty ? infix : infix + " " + lastName }
        let name = value(cells, plan.name, row: row, header: header, merger: &merger)

        let mandateRaw = value(cells, plan.mandate, row: row, header: header, merger: &merger)
        var mandate: Bool? = nil
        switch yesNo(mandateRaw) {
        case .yes: mandate = true
        case .no: mandate = false
        case .none: mandate = nil
        case .unknown:
            merger.diagnostics.append(diagnostic(
                .warning, "unclear_mandate", row: row, column: plan.mandate.map { header.headers[$0] },
                "mandate answer not understood as yes or no; treated as unknown", value: mandateRaw))
        }
        let consentRaw = value(cells, plan.consent, row: row, header: header, merger: &merger)
        var consent = false
        switch yesNo(consentRaw) {
        case .yes: consent = true
        case .no, .none: consent = false
        case .unknown:
            merger.diagnostics.append(diagnostic(
                .warning, "unclear_consent", row: row, column: plan.consent.map { header.headers[$0] },
                "consent answer not understood as yes or no; treated as no consent", value: consentRaw))
        }
        let submittedRaw = value(cells, plan.submittedAt, row: row, header: header, merger: &merger)
        var submittedAt: Date? = nil
        if !submittedRaw.isEmpty {
            submittedAt = timestamps.parse(submittedRaw)
            if submittedAt == nil {
                merger.diagnostics.append(diagnostic(
                    .warning, "invalid_timestamp", row: row, column: plan.submittedAt.map { header.headers[$0] },
                    "not a date and time that could be read; the row counts as undated", value: submittedRaw))
            }
        }
        let statusRaw = value(cells, plan.status, row: row, header: header, merger: &merger)
        let meaning = status(statusRaw)

        // The full name: the name column, or first and last name (built here, once).
        var fullName = name
        if fullName.isEmpty {
            fullName = firstName.isEmpty ? lastName : (lastName.isEmpty ? firstName : firstName + " " + lastName)
        }
        let registration = Registration(
            source: source, email: email, emailKey: AnswerParsing.emailKey(email), firstName: firstName, lastName: lastName,
            name: fullName, organisation: value(cells, plan.organisation, row: row, header: header, merger: &merger),
            role: value(cells, plan.role, row: row, header: header, merger: &merger),
            discipline: value(cells, plan.discipline, row: row, header: header, merger: &merger),
            interests: value(cells, plan.interests, row: row, header: header, merger: &merger),
            mandate: mandate, mandateRaw: mandateRaw, consent: consent, submittedAt: submittedAt,
            cancelled: meaning == .cancelled, confirmed: meaning == .confirmed)
        merger.add(registration)
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
