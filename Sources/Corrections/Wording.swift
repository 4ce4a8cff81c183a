import WerksessiesModel

/// The corrections' messages in the report language (`reports.language`).
struct Wording: Sendable {
    let language: ReportOptions.Language

    init(_ language: ReportOptions.Language) {
        self.language = language
    }

    func callAsFunction(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }

    var unknownEmail: String {
        self(
            "correctie voor een e-mailadres dat niet in de invoer van vannacht staat; niet toegepast",
            "correction for an e-mail address that is not in tonight's inputs; not applied")
    }

    func unknownField(_ field: String) -> String {
        let known = CorrectionField.allCases.map(\.rawValue).joined(separator: ", ")
        return self(
            "onbekend veld '\(field)' (bekend: \(known)); niet toegepast",
            "unknown field '\(field)' (known: \(known)); not applied")
    }

    func invalidValue(_ field: String, expected: String) -> String {
        self(
            "waarde voor \(field) niet te lezen (verwacht: \(expected)); niet toegepast",
            "value for \(field) cannot be read (expected: \(expected)); not applied")
    }

    func corrected(_ field: String, old: String, new: String) -> String {
        self("\(field) gecorrigeerd van '\(old)' naar '\(new)'", "\(field) corrected from '\(old)' to '\(new)'")
    }

    func notHeld(_ keyword: String) -> String {
        self(
            "interessegebied '\(keyword)' staat niet bij deze deelnemer; niets weggehaald",
            "interest '\(keyword)' is not among this participant's interests; nothing removed")
    }

    var yesNo: String { self("ja of nee", "yes or no") }
    var yesNoUnknown: String { self("ja, nee of onbekend", "yes, no or unknown") }
    var statusValues: String { self("geannuleerd, bevestigd of actief", "cancelled, confirmed or active") }
    var emailValue: String { self("een geldig e-mailadres", "a valid e-mail address") }
    var keywordMissing: String { self("+trefwoord of -trefwoord", "+keyword or -keyword") }

    func yesNoText(_ value: Bool) -> String { value ? self("ja", "yes") : self("nee", "no") }

    func statusText(_ registration: Registration) -> String {
        if registration.cancelled { return self("geannuleerd", "cancelled") }
        return registration.confirmed ? self("bevestigd", "confirmed") : self("actief", "active")
    }
}
