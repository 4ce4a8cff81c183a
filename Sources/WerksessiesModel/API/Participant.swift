/// A unique registrant after normalisation: the unit of assignment.
public struct Participant: Sendable, Hashable, Codable, Identifiable {
    /// Stable id derived from the folded e-mail (same person, same id, every night).
    public var id: String
    public var email: String
    public var emailKey: String
    public var name: String
    public var organisation: String
    /// Organisation folded for counting ("Gemeente Amsterdam" = "gemeente amsterdam ").
    public var organisationKey: String
    public var role: String
    /// Canonical discipline id, `nil` when unknown.
    public var discipline: String?
    /// Family of the discipline, `nil` when unknown.
    public var family: String?
    /// Canonical interest keyword ids, sorted.
    public var interests: [String]
    /// True when the participant gave any interests at all (even unmapped ones).
    public var gaveInterests: Bool
    public var mandate: Bool
    public var consent: Bool
    public var cancelled: Bool
    /// Pinned to this session (notified participants never move).
    public var pinnedSession: Int?
    /// The session of the previous run, for stability.
    public var previousSession: Int?
    public var source: SourceRef

    public init(
        id: String, email: String, emailKey: String, name: String, organisation: String,
        organisationKey: String, role: String, discipline: String?, family: String?, interests: [String],
        gaveInterests: Bool, mandate: Bool, consent: Bool, cancelled: Bool = false,
        pinnedSession: Int? = nil, previousSession: Int? = nil, source: SourceRef
    ) {
        self.id = id
        self.email = email
        self.emailKey = emailKey
        self.name = name
        self.organisation = organisation
        self.organisationKey = organisationKey
        self.role = role
        self.discipline = discipline
        self.family = family
        self.interests = interests
        self.gaveInterests = gaveInterests
        self.mandate = mandate
        self.consent = consent
        self.cancelled = cancelled
        self.pinnedSession = pinnedSession
        self.previousSession = previousSession
        self.source = source
    }

    /// The stable participant id of a folded e-mail: `P` + 16 hex digits of its 64-bit FNV-1a hash.
    public static func id(forEmailKey key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "P" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The result of the Normalise stage.
public struct NormaliseResult: Sendable {
    public var participants: [Participant]
    public var diagnostics: [Diagnostic]

    public init(participants: [Participant], diagnostics: [Diagnostic]) {
        self.participants = participants
        self.diagnostics = diagnostics
    }
}
