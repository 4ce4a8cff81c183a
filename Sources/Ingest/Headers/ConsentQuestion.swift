/// What a consent-like header asks, and which of several such columns holds the consent to share data with partners.
enum ConsentQuestion: Sendable, Equatable {
    /// Asks to share data with the partners or trekkers ("… mijn contactgegevens te delen met de trekkers").
    case sharing
    /// Asks for consent without saying for what ("Toestemming", "AVG").
    case plain
    /// Consent for something else: photos, video, the newsletter, the privacy statement.
    case otherPurpose
    /// Asks the other way round ("Ik geef GEEN toestemming …", "Ik wil niet dat …", "opt-out"): a yes means no consent.
    case negated

    /// Words (folded) that ask to share data with the partners; a trailing `*` matches a prefix.
    static let sharingWords = [
        "delen", "gedeeld", "deel", "share", "sharing", "shared", "trekker*", "partner*", "organisator*", "organiser*",
        "organizer*", "contactgegevens", "doorgeven", "doorgegeven", "doorgestuurd", "verstrekken", "verstrekt",
    ]
    /// Words that ask for permission, with which a sharing question is a consent question.
    static let permissionWords = [
        "toestemming", "consent", "akkoord", "agree", "mogen", "mag", "may", "permission", "allow", "goed", "bezwaar",
        "toegestaan", "toestaan", "ok", "oke", "wil", "want", "willen",
    ]
    /// Words of consent for another purpose.
    static let otherPurposeWords = [
        "foto*", "photo*", "beeld*", "video*", "film*", "opname*", "recording*", "nieuwsbrief*", "newsletter*", "mailing*",
        "marketing", "cookie*", "social", "publicatie*", "publiceren",
    ]
    /// Words of the privacy statement (never consent to share, unless the question also says so).
    static let privacyStatementWords = [
        "privacyverklaring", "privacystatement", "privacybeleid", "privacyreglement", "privacyvoorwaarden", "voorwaarden",
        "terms", "statement", "policy", "reglement",
    ]
    /// Words that make the question a refusal.
    static let negationWords = ["geen", "niet", "not", "no", "nee", "dont", "never", "nooit", "optout", "bezwaar", "object", "objection", "weiger*", "refuse*", "uitschrijven", "afmelden"]

    /// Classifies a consent-like header.
    static func of(_ header: String) -> ConsentQuestion {
        let folded = LookupFolding.fold(header)
        var words = LookupFolding.tokens(folded).map(String.init)
        // "opt out", "opt-out" (folded "optout").
        for i in words.indices.dropLast() where words[i] == "opt" && words[i + 1] == "out" { words[i] = "optout" }
        if has(words, negationWords) { return .negated }
        if has(words, otherPurposeWords) { return .otherPurpose }
        let sharing = has(words, sharingWords)
        if !sharing && (has(words, privacyStatementWords) || folded == "akkoord privacy") { return .otherPurpose }
        return sharing ? .sharing : .plain
    }

    /// True when a header asks permission to share data with the partners ("Mogen wij uw gegevens delen met de trekkers?").
    static func asksToShare(_ words: [Substring]) -> Bool {
        let list = words.map { String($0) }
        if list.contains("optout") || zip(list, list.dropFirst()).contains(where: { $0 == "opt" && $1 == "out" }) { return true }
        return has(list, sharingWords) && (has(list, permissionWords) || has(list, negationWords))
    }

    /// A header on one line, at most 80 characters.
    private static func oneLine(_ text: String) -> String {
        let flat = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        return flat.count > 80 ? String(flat.prefix(80)) + "…" : flat
    }

    private static func has(_ words: [String], _ keys: [String]) -> Bool {
        keys.contains { key in
            key.hasSuffix("*") ? words.contains { $0.hasPrefix(key.dropLast()) } : words.contains(key)
        }
    }

    /// The consent column among the candidates (quality, column), or nil when there is none or it stays unclear;
    /// refused and unclear columns are reported in `issues`.
    static func resolve(_ candidates: [(MatchQuality, Int)], headers: [String], issues: inout [HeaderIssue]) -> Int? {
        var usable: [(question: ConsentQuestion, configured: Bool, column: Int)] = []
        for (quality, column) in candidates.sorted(by: { $0.1 < $1.1 }) {
            switch of(headers[column]) {
            case .negated:
                issues.append(HeaderIssue(
                    column: column, code: "negated_consent_header",
                    message: "this question asks for a refusal (a yes means no consent), so it is not read as consent; "
                        + "if that is the consent question, map its header in the config under columns: consent_inverted: [...]",
                    value: headers[column]))
            case .otherPurpose:
                issues.append(HeaderIssue(
                    column: column, code: "consent_other_purpose",
                    message: "consent for another purpose (photos, video, newsletter or privacy statement): not read as consent to share data with partners",
                    value: headers[column]))
            case let question:
                usable.append((question, quality == .configExact || quality == .configContains, column))
            }
        }
        let configured = usable.filter(\.configured)
        if configured.count == 1 { return configured[0].column }
        if candidates.count == 1, let only = usable.first { return only.column }
        let sharing = usable.filter { $0.question == .sharing }
        if sharing.count == 1 { return sharing[0].column }
        guard candidates.count > 1 else { return nil }
        let seen = candidates.map(\.1).sorted().map { "\(ColumnName.letters($0)) \"\(oneLine(headers[$0]))\"" }
        issues.append(HeaderIssue(
            column: candidates.map(\.1).min() ?? 0, code: "unclear_consent_column",
            message: "it is unclear which column holds the consent to share data with the partners (columns seen: "
                + seen.joined(separator: ", ")
                + "); nobody's e-mail is shared: name the right one in the config under columns: consent: [...]",
            value: ""))
        return nil
    }
}
