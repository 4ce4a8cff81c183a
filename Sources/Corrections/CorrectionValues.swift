import WerksessiesModel

/// The values a correction accepts, read strictly: a value that is not one of these is reported, not guessed.
enum CorrectionValues {
    private static let yes: Set<String> = ["ja", "j", "yes", "y", "true", "waar", "1", "x"]
    private static let no: Set<String> = ["nee", "n", "no", "false", "onwaar", "0"]
    private static let unknown: Set<String> = ["onbekend", "unknown", "weet niet", "?"]

    /// `ja`/`nee` (and English), `nil` when the value is neither.
    static func yesNo(_ value: String) -> Bool? {
        let folded = fold(value)
        if yes.contains(folded) { return true }
        if no.contains(folded) { return false }
        return nil
    }

    /// A mandate: yes, no or unknown (`.some(nil)`); `nil` when the value is none of these.
    static func mandate(_ value: String) -> Bool?? {
        let folded = fold(value)
        if folded.isEmpty || unknown.contains(folded) { return .some(nil) }
        return yesNo(value).map { .some($0) }
    }

    /// What a status correction sets.
    enum Status: Equatable { case cancelled, confirmed, active }

    static func status(_ value: String) -> Status? {
        switch fold(value) {
        case "cancelled", "canceled", "geannuleerd", "afgemeld", "afgezegd": .cancelled
        case "confirmed", "bevestigd", "definitief": .confirmed
        case "active", "actief", "aangemeld", "ingeschreven", "registered": .active
        default: nil
        }
    }

    /// An e-mail address that can be one: something@domain.tld, no spaces.
    static func isEmail(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return !value.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    static func fold(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The items of an interests answer (split on `;` `,` `/` `|` and line breaks), trimmed, empty ones left out.
    static func items(_ raw: String) -> [String] {
        raw.split(whereSeparator: { ";,/|\n\r".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
