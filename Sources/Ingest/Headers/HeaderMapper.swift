/// The canonical registration fields that headers map to.
enum CanonicalField: String, CaseIterable, Sendable, Hashable {
    case email
    case firstName = "first_name"
    /// Dutch "tussenvoegsel" (van, de, van der), put between first and last name.
    case infix
    case lastName = "last_name"
    case name, organisation, role, discipline, interests, mandate, consent
    case submittedAt = "submitted_at"
    case status
    /// A consent question asked the other way round ("Ik geef GEEN toestemming …"), named so in the config:
    /// a yes there means no consent.
    case consentInverted = "consent_inverted"
}

/// How a header was matched; higher wins.
enum MatchQuality: Int, Comparable, Sendable {
    case builtInContains = 1, configContains = 2, builtInExact = 3, configExact = 4

    static func < (a: MatchQuality, b: MatchQuality) -> Bool { a.rawValue < b.rawValue }
}

/// A problem with a header row, before file and sheet are known.
struct HeaderIssue: Sendable, Hashable {
    var column: Int
    var code: String
    var message: String
    var value: String
}

/// The columns of a header row, mapped to canonical fields.
struct HeaderMap: Sendable {
    /// Header text per column (trimmed); a column letter where the header is empty.
    var headers: [String]
    /// Columns per field, the one used first; for `email` and `name` the others are fallbacks (where the first holds
    /// nothing, or "Anonymous" as a form in anonymous mode writes).
    var columns: [CanonicalField: [Int]]
    var issues: [HeaderIssue]
    /// Non-empty headers that map to nothing.
    var unmapped: [Int]
    /// Columns whose header says they are checkboxes ("aanvinken", or the config's `checkbox:`): there "x" and "v" mean yes.
    var checkboxColumns: Set<Int> = []

    /// The first column of a field.
    func column(_ field: CanonicalField) -> Int? { columns[field]?.first }

    /// Number of distinct fields mapped.
    var score: Int { columns.count }
}

/// Maps header texts to canonical fields through the built-in Dutch and English aliases and the config's.
struct HeaderMapper: Sendable {
    /// Whole-header aliases (folded) per field.
    static let exactAliases: [CanonicalField: [String]] = [
        .email: [
            "email", "emailadres", "mail", "mailadres", "email address", "emailaddress", "e mail", "e mailadres",
            "uw emailadres", "your email", "your email address", "emailadres deelnemer", "email deelnemer",
            "email participant", "contact email", "mail address",
        ],
        .firstName: ["voornaam", "first name", "firstname", "given name", "roepnaam", "voornamen", "forename"],
        .infix: ["tussenvoegsel", "tussenvoegsels", "tussenv", "voorvoegsel", "voorvoegsels"],
        .lastName: ["achternaam", "last name", "lastname", "surname", "family name", "familienaam", "familyname"],
        .name: [
            "naam", "name", "volledige naam", "full name", "fullname", "uw naam", "your name", "naam deelnemer",
            "participant name", "deelnemer", "respondent", "voor en achternaam",
        ],
        .organisation: [
            "organisatie", "organisation", "organization", "bedrijf", "werkgever", "company", "employer",
            "organisatienaam", "bedrijfsnaam", "instelling", "naam organisatie", "naam van uw organisatie",
            "organisation name", "organization name", "company name",
        ],
        .role: ["functie", "role", "job title", "jobtitle", "functietitel", "rol", "functienaam", "position", "title"],
        .discipline: ["discipline", "vakgebied", "beroep", "profession", "vakdiscipline", "disciplines", "beroepsgroep"],
        .interests: [
            "interessegebieden", "interessegebied", "interesses", "interesse", "interests", "interest", "themas",
            "thema", "topics", "onderwerpen", "areas of interest", "steekwoorden",
        ],
        .mandate: ["mandaat", "mandate"],
        .consent: ["toestemming", "consent", "privacy", "avg", "gdpr"],
        .submittedAt: [
            "tijdstempel", "tijd van voltooien", "timestamp", "completion time", "submitted at", "submitted",
            "submission date", "ingediend op", "ingediend", "inschrijfdatum", "registratiedatum", "aangemeld op",
            "datum inschrijving", "created", "created at", "date submitted", "voltooid", "completed",
            "tijdstip", "datum", "date",
        ],
        .status: ["status", "inschrijfstatus", "registratiestatus", "aanmeldstatus", "registration status"],
    ]

    /// Words (folded) that make a longer question map to a field, in priority order. A trailing `*` matches a prefix.
    static let containedWords: [(CanonicalField, [String])] = [
        (.email, ["email", "emailadres", "emailaddress", "mailadres", "emailadressen"]),
        (.mandate, ["mandaat", "mandate", "gemandateerd", "mandated"]),
        (.consent, ["toestemming", "consent", "privacy*", "avg", "gdpr"]),
        (.submittedAt, ["tijdstempel", "timestamp"]),
        (.status, ["status", "inschrijfstatus", "registratiestatus"]),
        (.interests, ["interesse*", "interest*", "thema*", "onderwerp*", "steekwoord*"]),
        (.discipline, ["discipline*", "vakgebied*", "beroep*", "profession*"]),
        (.organisation, ["organisatie*", "organisation*", "organization*", "bedrijf*", "werkgever*", "employer", "company"]),
        (.role, ["functie", "functietitel", "role", "jobtitle"]),
        (.firstName, ["voornaam", "firstname"]),
        (.infix, ["tussenvoegsel*"]),
        (.lastName, ["achternaam", "surname", "lastname"]),
        (.name, ["naam", "name"]),
    ]

    private var exact: [String: (CanonicalField, MatchQuality)] = [:]
    private var configPhrases: [(CanonicalField, String)] = []
    /// Headers (folded) the config names as checkboxes.
    private var checkboxHeaders: Set<String> = []
    /// Config keys that name no canonical field.
    private(set) var unknownConfigFields: [String] = []

    /// Builds the mapper; `extraAliases` maps a field name (`email`, `first_name`, …) to more header texts.
    init(extraAliases: [String: [String]] = [:]) {
        for (field, aliases) in Self.exactAliases {
            for alias in aliases { exact[alias] = (field, .builtInExact) }
        }
        for key in extraAliases.keys.sorted() {
            let folded = LookupFolding.fold(key).replacingOccurrences(of: " ", with: "_")
            if folded == "checkbox" || folded == "checkboxes" {
                checkboxHeaders.formUnion((extraAliases[key] ?? []).map(LookupFolding.fold))
                continue
            }
            guard let field = CanonicalField(rawValue: folded) ?? CanonicalField(rawValue: key) ?? Self.fieldByAlternateName(folded) else {
                unknownConfigFields.append(key)
                continue
            }
            for alias in extraAliases[key] ?? [] {
                let f = LookupFolding.fold(alias)
                guard !f.isEmpty else { continue }
                exact[f] = (field, .configExact)
                configPhrases.append((field, f))
            }
        }
    }

    private static func fieldByAlternateName(_ name: String) -> CanonicalField? {
        switch name {
        case "firstname", "first": return .firstName
        case "lastname", "last": return .lastName
        case "organization", "organisatie", "org": return .organisation
        case "submittedat", "timestamp", "submitted": return .submittedAt
        case "emailadres", "mail", "e_mail": return .email
        case "interest", "interesses": return .interests
        case "tussenvoegsel": return .infix
        case "consentinverted", "consent_invert", "no_consent", "consent_refused", "opt_out": return .consentInverted
        default: return nil
        }
    }

    /// The field a header maps to, and how.
    func field(for header: String) -> (CanonicalField, MatchQuality)? {
        let folded = LookupFolding.fold(header)
        guard !folded.isEmpty else { return nil }
        if let hit = exact[folded] { return hit }
        let padded = " " + folded + " "
        for (field, phrase) in configPhrases where padded.contains(" " + phrase + " ") {
            return (field, .configContains)
        }
        let words = LookupFolding.tokens(folded)
        if ConsentQuestion.asksToShare(words) { return (.consent, .builtInContains) }
        for (field, keys) in Self.containedWords {
            for key in keys {
                if key.hasSuffix("*") {
                    let stem = key.dropLast()
                    if words.contains(where: { $0.hasPrefix(stem) }) { return (field, .builtInContains) }
                } else if words.contains(where: { $0 == key }) {
                    return (field, .builtInContains)
                }
            }
        }
        // Multi-word aliases inside a longer header ("Wat is uw first name").
        for (field, aliases) in Self.exactAliases {
            for alias in aliases where alias.contains(" ") && padded.contains(" " + alias + " ") {
                return (field, .builtInContains)
            }
        }
        return nil
    }

    /// Maps a header row.
    func map(_ row: [String]) -> HeaderMap {
        var headers: [String] = []
        var issues: [HeaderIssue] = []
        var seen: [String: Int] = [:]
        var candidates: [CanonicalField: [(MatchQuality, Int)]] = [:]
        var unmapped: [Int] = []
        for (index, raw) in row.enumerated() {
            let text = LookupFolding.trim(raw)
            headers.append(text.isEmpty ? ColumnName.letters(index) : text)
            guard !text.isEmpty else { continue }
            let key = LookupFolding.fold(text)
            if let first = seen[key.isEmpty ? text : key] {
                // A form in anonymous mode has its own "Naam"/"E-mail" columns and may ask the same: the question's
                // column is the fallback where the form's own holds "Anonymous".
                if let (field, quality) = field(for: text), field == .name || field == .email {
                    candidates[field, default: []].append((quality, index))
                    issues.append(HeaderIssue(
                        column: index, code: "duplicate_header",
                        message: "header repeats column \(ColumnName.letters(first)) (\(headers[first])); this column is used where that one is empty or says Anonymous",
                        value: text))
                    continue
                }
                issues.append(HeaderIssue(
                    column: index, code: "duplicate_header",
                    message: "header repeats column \(ColumnName.letters(first)) (\(headers[first])); the first one is used, this column is ignored",
                    value: text))
                continue
            }
            seen[key.isEmpty ? text : key] = index
            if let (field, quality) = field(for: text) {
                candidates[field, default: []].append((quality, index))
            } else {
                unmapped.append(index)
            }
        }
        var columns: [CanonicalField: [Int]] = [:]
        if let consent = ConsentQuestion.resolve(candidates[.consent] ?? [], headers: headers, issues: &issues) {
            columns[.consent] = [consent]
        }
        for field in CanonicalField.allCases where field != .consent {
            guard let list = candidates[field] else { continue }
            let ordered = list.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.map(\.1)
            columns[field] = ordered
            if field != .email && field != .name {
                for extra in ordered.dropFirst() {
                    issues.append(HeaderIssue(
                        column: extra, code: "duplicate_column",
                        message: "also maps to \(field.rawValue); column \(headers[ordered[0]]) is used, this one is ignored",
                        value: headers[extra]))
                }
            }
        }
        var map = HeaderMap(headers: headers, columns: columns, issues: issues, unmapped: unmapped)
        map.checkboxColumns = Set(headers.indices.filter { isCheckbox(headers[$0]) })
        return map
    }

    /// Whether a header says its column is a checkbox ("Mandaat (aanvinken)", "Tick if …", or named in the config).
    func isCheckbox(_ header: String) -> Bool {
        let folded = LookupFolding.fold(header)
        if checkboxHeaders.contains(folded) { return true }
        return LookupFolding.tokens(folded).contains { word in
            ["vink", "aanvink", "aankruis", "kruis", "checkbox", "tick"].contains { word.hasPrefix($0) }
        }
    }
}

/// Spreadsheet column names.
enum ColumnName {
    /// `0` → `A`, `25` → `Z`, `26` → `AA`.
    static func letters(_ index: Int) -> String {
        var n = index + 1
        var out: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.append(UInt8(65 + r))
            n = (n - 1) / 26
        }
        return String(decoding: out.reversed(), as: UTF8.self)
    }
}
