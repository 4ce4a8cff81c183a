import Foundation
import LibXLSXWriter
import WerksessiesModel

/// One row of the data-quality list: the diagnostic, whom it is about and what to do.
struct DataQualityRow: Sendable {
    var diagnostic: Diagnostic
    /// The header as the file has it (the diagnostic's field name translated).
    var column: String
    var message: String
    var participantID: String
    var email: String
    var advice: String
}

extension Reports {
    /// The data-quality rows of the run, in diagnostic order.
    static func dataQualityRows(_ context: ReportContext) -> [DataQualityRow] {
        let bundle = context.bundle
        let diagnostics = allDiagnostics(bundle)
        // Look-ups of only the participants the diagnostics name (not of every registrant).
        let keys = Set(diagnostics.compactMap { $0.email.map(Registration.foldEmail) })
        let sources = Set(diagnostics.compactMap { d in
            d.email == nil ? d.row.map { SourceRef(file: d.file, sheet: d.sheet, row: $0) } : nil
        })
        var byKey: [String: Int] = [:]
        var bySource: [SourceRef: Int] = [:]
        for (index, participant) in bundle.participants.enumerated() {
            if keys.contains(participant.emailKey) { byKey[participant.emailKey] = index }
            guard !sources.isEmpty else { continue }
            var source = participant.source
            source.fileIndex = 0
            if sources.contains(source) { bySource[source] = index }
        }
        var headers: [String: [String: String]] = [:]
        for input in bundle.manifest.inputs { headers[input.path] = input.columns ?? [:] }
        let advice = DataQualityAdvice(
            language: bundle.options.language,
            mandateSessions: bundle.catalog.sessions.filter { $0.eligibility.contains { $0.kind == .requiresMandate } }
                .map { String($0.id) }.joined(separator: ", "),
            correctionsFile: bundle.manifest.corrections?.file ?? "corrections.csv")
        let disciplineIDs = Dictionary(
            bundle.taxonomy.disciplines.map { ($0.label.lowercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
        return diagnostics.map { d in
            var index: Int? = d.email.flatMap { byKey[Registration.foldEmail($0)] }
            if index == nil, d.email == nil, let row = d.row {
                index = bySource[SourceRef(file: d.file, sheet: d.sheet, row: row)]
            }
            let email = d.email ?? index.map { bundle.participants[$0].email } ?? ""
            let column = d.column.map { headers[d.file]?[$0] ?? $0 } ?? ""
            let suggestion = d.code == "unmapped_discipline" ? suggestedDiscipline(d.message, ids: disciplineIDs) : nil
            return DataQualityRow(
                diagnostic: d, column: column, message: advice.message(d),
                participantID: index.map { bundle.participants[$0].id } ?? "", email: email,
                advice: advice.advice(d, email: email, suggestion: suggestion))
        }
    }

    /// The discipline id of the first suggestion in a Normalise message ("…; bedoelde u: Architect?").
    static func suggestedDiscipline(_ message: String, ids: [String: String]) -> String? {
        guard let range = message.range(of: "bedoelde u") else { return nil }
        let rest = message[range.upperBound...].prefix { $0 != "?" }
        let first = rest.components(separatedBy: ", ").first?.components(separatedBy: " of ").first ?? ""
        return ids[first.trimmingCharacters(in: CharacterSet(charactersIn: " :\"'")).lowercased()]
    }

    static func dataQualityCSV(_ rows: [DataQualityRow], into csv: inout CSVWriter) {
        csv.header(dataQualityColumns)
        for row in rows {
            let d = row.diagnostic
            csv.row([
                .text(d.file), .text(d.sheet ?? ""), .number(d.row.map(String.init) ?? ""), .text(row.column),
                .text(d.severity.rawValue), .text(d.code), .text(row.message), .text(d.value),
                .text(row.participantID), .text(row.email), .text(row.advice),
            ])
        }
    }

    /// `data_quality.xlsx`: the list as one Excel table with filters, sorted by advice (rows with the same
    /// advice together), then severity, file and row, for whoever fixes the data. A list of `constantMemoryRows`
    /// rows or more is written in constant-memory mode (no table there: banded row formats and a filter).
    static func writeDataQualityWorkbook(
        _ context: ReportContext, rows unsorted: [DataQualityRow], path: String, constantMemoryRows: Int
    ) throws {
        let severityOrder: [Diagnostic.Severity: Int] = [.error: 0, .warning: 1, .info: 2]
        // Indices sorted, not the rows themselves (each a dozen strings to move).
        // Texts compared as UTF-8 bytes: the order of String's `<` for these (NFC) texts, without its Unicode work.
        // The advice texts of a kind share long prefixes: their bytes are compared as arrays, made once.
        let advice = unsorted.map { Array($0.advice.utf8) }
        let order = unsorted.indices.sorted { i, j in
            let a = unsorted[i], b = unsorted[j]
            if advice[i] != advice[j] { return advice[i].lexicographicallyPrecedes(advice[j]) }
            return (severityOrder[a.diagnostic.severity] ?? 3, a.diagnostic.file, a.diagnostic.row ?? 0, i)
                < (severityOrder[b.diagnostic.severity] ?? 3, b.diagnostic.file, b.diagnostic.row ?? 0, j)
        }
        let rows = order.lazy.map { unsorted[$0] }
        let nl = context.bundle.options.language == .nl
        let headers = [
            nl ? "Advies" : "Advice", nl ? "Ernst" : "Severity", nl ? "Code" : "Code", "E-mail",
            nl ? "Deelnemer" : "Participant", nl ? "Bestand" : "File", nl ? "Blad" : "Sheet", nl ? "Rij" : "Row",
            nl ? "Kolom" : "Column", nl ? "Waarde" : "Value", nl ? "Melding" : "Message",
        ]
        // Narrow enough to print landscape at a readable scale; the long texts wrap.
        let widths: [Double] = [46, 13, 18, 32, 17, 18, 9, 6, 14, 22, 40]
        let constant = rows.count >= constantMemoryRows
        try Workbook.write(to: path, options: Workbook.Options(constantMemory: constant)) { workbook in
            try setDocumentProperties(workbook, context, .dataQuality)
            let sheet = try workbook.addWorksheet(nl ? "Datakwaliteit" : "Data quality")
            let styles = try ReportStyles(workbook)
            let header = try workbook.format(
                FormatSpec(bold: true, background: 0xDCE6F1, wrap: true, vertical: .top, bottomBorder: true))
            for (column, width) in widths.enumerated() {
                try sheet.setColumns(
                    column, column, width: width, dataQualityWrapped.contains(column) ? styles.long : styles.text)
            }
            try sheet.setRow(0, height: TableWriter.headerHeight(zip(headers, widths).map { ReportColumn(header: $0, width: $1) }))
            // In constant-memory mode rows go out in order: the header first.
            if constant || rows.isEmpty {
                for (column, text) in headers.enumerated() { try sheet.write(0, column, text, header) }
            }
            for (i, row) in rows.enumerated() {
                try writeDataQualityRow(
                    row, severity: context.severity(row.diagnostic.severity), at: i + 1, sheet, widths: widths,
                    banded: constant && i % 2 == 1, styles)
            }
            sheet.freeze(rows: 1, columns: 1)
            try sheet.setPage(Worksheet.PageSetup(
                landscape: true, fitToWidth: true, repeatRows: 0...0,
                footerLeft: Worksheet.footerText(context(.confidential)), footerCenter: context(.pageOfPages),
                footerRight: Worksheet.footerText("\(context(.madeOn)) \(context.runDateText)")))
            // An Excel table (filters, banded rows) when there are rows; a header with a filter otherwise.
            if constant || rows.isEmpty {
                try sheet.autofilter(row: 0, first: 0, last: headers.count - 1, lastRow: rows.count)
            } else {
                try sheet.addTable(
                    firstRow: 0, firstColumn: 0, lastRow: rows.count, headers: headers, headerFormat: header,
                    style: .medium(2), name: "Datakwaliteit")
            }
        }
    }

    /// The columns of the data-quality sheet whose text wraps.
    static let dataQualityWrapped: Set<Int> = [0, 2, 5, 8, 9, 10]

    /// One row of the data-quality sheet, as tall as its longest wrapped text (a default-height row would print
    /// lines over the next).
    private static func writeDataQualityRow(
        _ row: DataQualityRow, severity: String, at r: Int, _ sheet: Worksheet, widths: [Double], banded: Bool,
        _ styles: ReportStyles
    ) throws {
        let d = row.diagnostic
        let texts = [row.advice, severity, d.code, row.email, row.participantID, d.file, d.sheet ?? "", "",
                     row.column, d.value, row.message]
        let lines = dataQualityWrapped.map { TableWriter.lines(texts[$0], width: widths[$0]) }.max() ?? 1
        if lines > 1 { try sheet.setRow(r, height: 15 * Double(min(lines, 12))) }
        let wrapped = banded ? styles.bandLong : styles.long
        let plain = banded ? styles.bandText : styles.text
        for (c, text) in texts.enumerated() where c != 7 {
            try sheet.write(r, c, text, dataQualityWrapped.contains(c) ? wrapped : plain)
        }
        if let number = d.row { try sheet.write(r, 7, number: Double(number), plain) } else if banded { try sheet.write(r, 7, "", plain) }
    }
}
