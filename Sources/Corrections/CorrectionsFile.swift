import Foundation
import LibCSV
import WerksessiesModel

/// The corrections file (`corrections.csv`: `email, field, value, note`) as bytes: read as Excel saves it
/// (`;` or `,`, a byte order mark, UTF-8 or Windows-1252), and a row appended to it.
public enum CorrectionsFile {
    /// The columns, in the order the program writes them.
    public static let columns = ["email", "field", "value", "note"]
    private static let headerNames: [String: Int] = [
        "email": 0, "e-mail": 0, "e-mailadres": 0, "emailadres": 0, "field": 1, "veld": 1, "value": 2, "waarde": 2,
        "note": 3, "notitie": 3, "opmerking": 3, "toelichting": 3,
    ]

    /// The corrections in `bytes` (the file `file`); a row that cannot be read is a warning, never an error.
    public static func parse(_ bytes: [UInt8], file: String, language: ReportOptions.Language = .nl) -> CorrectionList {
        let say = Wording(language)
        var list = CorrectionList(file: file)
        let text = decode(bytes)
        let utf8 = Array(text.utf8)
        let records: [[String]]
        let lines: [Int]
        do {
            (records, lines) = try rows(utf8, delimiter: delimiter(of: utf8))
        } catch {
            list.diagnostics.append(
                Diagnostic(
                    file: file, severity: .warning, code: "corrections_unreadable",
                    message: say("correctiebestand niet te lezen (\(error)); geen correcties toegepast",
                        "corrections file cannot be read (\(error)); no corrections applied")))
            return list
        }
        guard let first = records.first else { return list }
        var positions = [0, 1, 2, 3]
        var start = 0
        if let email = first.first, headerNames[CorrectionValues.fold(email)] == 0 {
            positions = (0..<4).map { column in first.firstIndex { headerNames[CorrectionValues.fold($0)] == column } ?? -1 }
            start = 1
        }
        for r in start..<records.count {
            let fields = records[r]
            func cell(_ column: Int) -> String {
                let at = positions[column]
                return at >= 0 && at < fields.count ? unquoted(fields[at].trimmingCharacters(in: .whitespaces)) : ""
            }
            let correction = Correction(email: cell(0), field: cell(1), value: cell(2), note: cell(3), row: lines[r])
            if correction.email.isEmpty && correction.field.isEmpty && correction.value.isEmpty { continue }
            if correction.email.isEmpty || correction.field.isEmpty {
                list.diagnostics.append(
                    Diagnostic(
                        file: file, row: lines[r], column: correction.email.isEmpty ? "email" : "field",
                        severity: .warning, code: "correction_incomplete",
                        message: say("correctie zonder e-mailadres of veld; niet toegepast",
                            "correction without an e-mail address or field; not applied"),
                        value: fields.joined(separator: " | "), email: correction.email.isEmpty ? nil : correction.email))
                continue
            }
            list.corrections.append(correction)
        }
        return list
    }

    /// `existing` (the file's bytes, empty when there is none) with one row appended, in the file's own
    /// delimiter; a new file gets the header and a byte order mark (so that Excel reads it as UTF-8).
    public static func appending(_ correction: Correction, to existing: [UInt8]) -> [UInt8] {
        var base = existing
        if !base.isEmpty, !TextCheck.isUTF8(base) {
            base = [0xEF, 0xBB, 0xBF] + Array(decode(base).utf8)
        }
        let delimiter = base.isEmpty ? UInt8(ascii: ",") : delimiter(of: base)
        var output = CSVOutput(delimiter: delimiter, prefix: base.isEmpty ? [0xEF, 0xBB, 0xBF] : [])
        if base.isEmpty {
            for name in columns { output.field(name) }
            output.endRecord()
        }
        for value in [correction.email, correction.field, correction.value, correction.note] {
            // Excel would read "+water" or "-water" as a formula: a leading ' keeps it text (and is read back off).
            output.field(value, lead: looksLikeFormula(value) ? UInt8(ascii: "'") : nil)
        }
        output.endRecord()
        if let last = base.last, last != 0x0A, last != 0x0D { base += [0x0D, 0x0A] }
        return base + output.bytes
    }

    /// The text of the file: byte order marks removed, UTF-16 or UTF-8, else Windows-1252.
    static func decode(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: bytes.dropFirst(3), as: UTF8.self) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]),
            let text = String(data: Data(bytes), encoding: .utf16)
        {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        if TextCheck.isUTF8(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return String(data: Data(bytes), encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// `;` when the first line holds more of them than `,` (Dutch Excel), tab likewise, else `,`.
    static func delimiter(of bytes: [UInt8]) -> UInt8 {
        let line = bytes.prefix { $0 != 0x0A && $0 != 0x0D }
        let counts = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09].map { d in (d, line.reduce(0) { $0 + ($1 == d ? 1 : 0) }) }
        return counts.max { $0.1 < $1.1 }.flatMap { $0.1 > 0 ? $0.0 : nil } ?? UInt8(ascii: ",")
    }

    /// The records of `bytes` as strings, with their line numbers (libcsv through LibCSV).
    static func rows(_ bytes: [UInt8], delimiter: UInt8) throws -> ([[String]], [Int]) {
        var records: [[String]] = []
        var lines: [Int] = []
        for batch in try CSVParser.records(of: bytes, delimiter: delimiter) {
            for record in 0..<batch.count {
                let fields = batch.firstField(record)..<batch.recordEnds[record]
                records.append(fields.map { String(decoding: batch.bytes[batch.range(ofField: $0)], as: UTF8.self) })
                lines.append(batch.rows[record])
            }
        }
        return (records, lines)
    }

    /// A value without the `'` that keeps Excel from reading it as a formula.
    static func unquoted(_ value: String) -> String {
        guard value.hasPrefix("'"), looksLikeFormula(String(value.dropFirst())) else { return value }
        return String(value.dropFirst())
    }

    static func looksLikeFormula(_ value: String) -> Bool {
        guard let first = value.first else { return false }
        return "=+-@".contains(first)
    }
}

/// Whether bytes are UTF-8 (Foundation's decoder, strict).
enum TextCheck {
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }
}
