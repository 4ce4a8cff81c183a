import Foundation

/// One registration row as read from an export, with canonical fields, before normalisation.
public struct Registration: Sendable, Hashable {
    /// Where the row came from.
    public var source: SourceRef
    /// E-mail as typed (trimmed).
    public var email: String
    /// E-mail folded for identity: trimmed, lower-cased.
    public var emailKey: String
    public var firstName: String
    public var lastName: String
    /// Full name: the `name` column, or first + last.
    public var name: String
    public var organisation: String
    public var role: String
    /// Raw discipline text.
    public var discipline: String
    /// Raw interests text (multi-select answers and/or free text).
    public var interests: String
    /// Mandate answer: `nil` when unknown / not given.
    public var mandate: Bool?
    /// Raw mandate answer as typed.
    public var mandateRaw: String
    public var consent: Bool
    public var submittedAt: Date?
    /// True when the status column says the registration was cancelled.
    public var cancelled: Bool
    /// True when the status column says the registrant was notified/confirmed (pin).
    public var confirmed: Bool

    public init(
        source: SourceRef, email: String, emailKey: String? = nil, firstName: String = "",
        lastName: String = "", name: String = "", organisation: String = "", role: String = "",
        discipline: String = "", interests: String = "", mandate: Bool? = nil, mandateRaw: String = "",
        consent: Bool = false, submittedAt: Date? = nil, cancelled: Bool = false, confirmed: Bool = false
    ) {
        self.source = source
        self.email = email
        self.emailKey = emailKey ?? Registration.foldEmail(email)
        self.firstName = firstName
        self.lastName = lastName
        self.name = name.isEmpty ? [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ") : name
        self.organisation = organisation
        self.role = role
        self.discipline = discipline
        self.interests = interests
        self.mandate = mandate
        self.mandateRaw = mandateRaw
        self.consent = consent
        self.submittedAt = submittedAt
        self.cancelled = cancelled
        self.confirmed = confirmed
    }

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

    public init(path: String, sheet: String? = nil, rows: Int, sha256: String) {
        self.path = path
        self.sheet = sheet
        self.rows = rows
        self.sha256 = sha256
    }
}
