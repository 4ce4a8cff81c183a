import Foundation

/// One registration row as read from an export, with canonical fields, before normalisation.
///
/// Its text lives in one shared, immutable box (copy-on-write), as `Participant`'s: merging a million
/// rows copies registrations around, and a copy then costs one reference count instead of eleven.
public struct Registration: Sendable {
    private var text: Text
    /// Mandate answer: `nil` when unknown / not given.
    public var mandate: Bool?
    public var consent: Bool
    public var submittedAt: Date?
    /// True when the status column says the registration was cancelled.
    public var cancelled: Bool
    /// True when the status column says the registrant was notified/confirmed (pin).
    public var confirmed: Bool

    /// Where the row came from.
    public var source: SourceRef {
        get { text.source }
        set { mutableText().source = newValue }
    }
    /// E-mail as typed (trimmed).
    public var email: String {
        get { text.email }
        set { mutableText().email = newValue }
    }
    /// E-mail folded for identity: trimmed, lower-cased.
    public var emailKey: String {
        get { text.emailKey }
        set { mutableText().emailKey = newValue }
    }
    public var firstName: String {
        get { text.firstName }
        set { mutableText().firstName = newValue }
    }
    public var lastName: String {
        get { text.lastName }
        set { mutableText().lastName = newValue }
    }
    /// Full name: the `name` column, or first + last.
    public var name: String {
        get { text.name }
        set { mutableText().name = newValue }
    }
    public var organisation: String {
        get { text.organisation }
        set { mutableText().organisation = newValue }
    }
    public var role: String {
        get { text.role }
        set { mutableText().role = newValue }
    }
    /// Raw discipline text.
    public var discipline: String {
        get { text.discipline }
        set { mutableText().discipline = newValue }
    }
    /// Raw interests text (multi-select answers and/or free text).
    public var interests: String {
        get { text.interests }
        set { mutableText().interests = newValue }
    }
    /// Raw mandate answer as typed.
    public var mandateRaw: String {
        get { text.mandateRaw }
        set { mutableText().mandateRaw = newValue }
    }

    public init(
        source: SourceRef, email: String, emailKey: String? = nil, firstName: String = "",
        lastName: String = "", name: String = "", organisation: String = "", role: String = "",
        discipline: String = "", interests: String = "", mandate: Bool? = nil, mandateRaw: String = "",
        consent: Bool = false, submittedAt: Date? = nil, cancelled: Bool = false, confirmed: Bool = false
    ) {
        text = Text(
            source: source, email: email, emailKey: emailKey ?? Registration.foldEmail(email), firstName: firstName,
            lastName: lastName,
            name: name.isEmpty ? [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ") : name,
            organisation: organisation, role: role, discipline: discipline, interests: interests, mandateRaw: mandateRaw)
        self.mandate = mandate
        self.consent = consent
        self.submittedAt = submittedAt
        self.cancelled = cancelled
        self.confirmed = confirmed
    }

    private mutating func mutableText() -> Text {
        if !isKnownUniquelyReferenced(&text) { text = text.copy() }
        return text
    }

    /// The reference-counted fields, shared between copies until one of them changes.
    private final class Text: @unchecked Sendable {
        // Mutated only through `mutableText()`, i.e. when this box is not shared.
        var source: SourceRef
        var email: String
        var emailKey: String
        var firstName: String
        var lastName: String
        var name: String
        var organisation: String
        var role: String
        var discipline: String
        var interests: String
        var mandateRaw: String

        init(source: SourceRef, email: String, emailKey: String, firstName: String, lastName: String, name: String, organisation: String, role: String, discipline: String, interests: String, mandateRaw: String) {
            self.source = source
            self.email = email
            self.emailKey = emailKey
            self.firstName = firstName
            self.lastName = lastName
            self.name = name
            self.organisation = organisation
            self.role = role
            self.discipline = discipline
            self.interests = interests
            self.mandateRaw = mandateRaw
        }

        func copy() -> Text { Text(source: source, email: email, emailKey: emailKey, firstName: firstName, lastName: lastName, name: name, organisation: organisation, role: role, discipline: discipline, interests: interests, mandateRaw: mandateRaw) }

        func equals(_ other: Text) -> Bool {
            self === other || (source == other.source && email == other.email && emailKey == other.emailKey && firstName == other.firstName && lastName == other.lastName && name == other.name && organisation == other.organisation && role == other.role && discipline == other.discipline && interests == other.interests && mandateRaw == other.mandateRaw)
        }

        func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(email)
        hasher.combine(emailKey)
        hasher.combine(firstName)
        hasher.combine(lastName)
        hasher.combine(name)
        hasher.combine(organisation)
        hasher.combine(role)
        hasher.combine(discipline)
        hasher.combine(interests)
        hasher.combine(mandateRaw)
        }
    }
}

extension Registration: Hashable {
    public static func == (a: Registration, b: Registration) -> Bool {
        a.mandate == b.mandate && a.consent == b.consent && a.submittedAt == b.submittedAt && a.cancelled == b.cancelled
            && a.confirmed == b.confirmed && a.text.equals(b.text)
    }

    public func hash(into hasher: inout Hasher) {
        text.hash(into: &hasher)
        hasher.combine(mandate)
        hasher.combine(consent)
        hasher.combine(submittedAt)
        hasher.combine(cancelled)
        hasher.combine(confirmed)
    }
}

extension Registration {
    /// The identity key of an e-mail address: whitespace (also non-breaking and zero-width) removed, lower-cased.
    public static func foldEmail(_ email: String) -> String {
        var out = ""
        out.reserveCapacity(email.utf8.count)
        for scalar in email.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value == 0x200B || scalar.value == 0x200C
                || scalar.value == 0x200D || scalar.value == 0xFEFF || scalar.value == 0x2060
            {
                continue
            }
            out.unicodeScalars.append(scalar)
        }
        return out.lowercased()
    }
}

/// What became of one input row. Every row read ends in exactly one of these.
public enum RowOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The registration that counts for this e-mail.
    case kept
    /// An older registration of the same e-mail, merged into the latest one.
    case mergedDuplicate = "merged_duplicate"
    /// Rejected (e.g. no valid e-mail); a diagnostic says why.
    case rejected
}

/// The result of the Ingest stage: the latest registration per e-mail, and an account of every row.
public struct IngestResult: Sendable {
    /// One registration per e-mail key (the winner), in first-seen order.
    public var registrations: [Registration]
    public var diagnostics: [Diagnostic]
    /// Counts that add up: `rowsRead == registrations.count + duplicatesMerged + rejected`.
    public var counts: IngestCounts
    /// Per input file: display name and row count.
    public var files: [InputFileSummary]

    public init(
        registrations: [Registration], diagnostics: [Diagnostic], counts: IngestCounts,
        files: [InputFileSummary]
    ) {
        self.registrations = registrations
        self.diagnostics = diagnostics
        self.counts = counts
        self.files = files
    }
}

/// Row accounting of the Ingest stage.
public struct IngestCounts: Sendable, Hashable, Codable {
    /// Data rows read (header and fully empty rows not counted).
    public var rowsRead: Int
    /// Rows rejected with an error diagnostic.
    public var rejected: Int
    /// Older registrations merged into a later one of the same e-mail.
    public var duplicatesMerged: Int
    /// Unique registrants whose latest registration is a cancellation.
    public var cancelled: Int

    public init(rowsRead: Int = 0, rejected: Int = 0, duplicatesMerged: Int = 0, cancelled: Int = 0) {
        self.rowsRead = rowsRead
        self.rejected = rejected
        self.duplicatesMerged = duplicatesMerged
        self.cancelled = cancelled
    }
}

/// One input file as read.
public struct InputFileSummary: Sendable, Hashable, Codable {
    public var path: String
    public var sheet: String?
    public var rows: Int
    public var sha256: String
    /// The header each field was read from, as the file has it (`discipline` → "Vakgebied").
    public var columns: [String: String]?

    public init(path: String, sheet: String? = nil, rows: Int, sha256: String, columns: [String: String]? = nil) {
        self.path = path
        self.sheet = sheet
        self.rows = rows
        self.sha256 = sha256
        self.columns = columns
    }
}
