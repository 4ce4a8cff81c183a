import WerksessiesModel

/// Checks of tonight's registrations once corrected: text that lost a letter in decoding, and values a
/// spreadsheet would read as a formula (neutralised in the reports). A correction of the value silences them.
public enum RegistrationChecks {
    /// The text fields checked, with their field names and whether a `?` next to a letter there means a lost
    /// letter (free-text interests may hold real questions).
    static func fields(_ r: Registration) -> [(field: String, value: String, questionMarks: Bool)] {
        [("name", r.name, true), ("organisation", r.organisation, true), ("role", r.role, true),
         ("discipline", r.discipline, true), ("interests", r.interests, false)]
    }

    /// One diagnostic per suspicious value (cancelled registrations left out: nothing is done with them).
    public static func diagnose(_ registrations: [Registration], language: ReportOptions.Language = .nl) -> [Diagnostic] {
        let say = Wording(language)
        var out: [Diagnostic] = []
        for r in registrations where !r.cancelled {
            for (field, value, questionMarks) in fields(r) where !value.isEmpty {
                func note(_ severity: Diagnostic.Severity, _ code: String, _ message: String) {
                    out.append(
                        Diagnostic(
                            file: r.source.file, sheet: r.source.sheet, row: r.source.row, column: field,
                            severity: severity, code: code, message: message, value: value, email: r.email))
                }
                if lostLetter(value, questionMarks: questionMarks) {
                    note(.warning, "lost_character", say(
                        "tekst met een teken dat bij het inlezen verloren ging (� of ? in een woord)",
                        "text with a character lost in decoding (� or ? inside a word)"))
                }
                if looksLikeFormula(value) {
                    note(.info, "formula_value", say(
                        "waarde begint met \(value.first.map(String.init) ?? ""); in de CSV-rapporten staat er een ' voor, zodat Excel haar niet als formule uitvoert",
                        "value starts with \(value.first.map(String.init) ?? ""); the CSV reports put a ' before it, so that Excel does not run it as a formula"))
                }
            }
        }
        return out
    }

    /// A replacement character anywhere, or (where `questionMarks`) a `?` with a letter on either side.
    static func lostLetter(_ value: String, questionMarks: Bool) -> Bool {
        // Most values hold neither: their bytes say so without decoding (U+FFFD is EF BF BD in UTF-8).
        guard value.utf8.contains(where: { $0 == 0xEF || (questionMarks && $0 == UInt8(ascii: "?")) }) else { return false }
        let scalars = Array(value.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if scalar == "\u{FFFD}" { return true }
            guard questionMarks, scalar == "?" else { continue }
            let before = i > 0 && scalars[i - 1].properties.isAlphabetic
            let after = i + 1 < scalars.count && scalars[i + 1].properties.isAlphabetic
            if before || after { return true }
        }
        return false
    }

    /// `=`, `+` or `@` first, or `-` before a letter or digit (a "- item" bullet is not a formula).
    static func looksLikeFormula(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars.prefix(2))
        guard let first = scalars.first else { return false }
        switch first {
        case "=", "+", "@": return true
        case "-": return scalars.count > 1 && (scalars[1].properties.isAlphabetic || ("0"..."9").contains(scalars[1]))
        default: return false
        }
    }
}
