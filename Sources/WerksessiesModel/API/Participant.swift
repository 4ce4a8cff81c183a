/// A unique registrant after normalisation: the unit of assignment.
///
/// A value type whose text fields live in one shared, immutable box: copying a participant costs one
/// reference count instead of one per string. At 100,000 participants the copies made by Metrics,
/// Reports and State otherwise spent most of their time on cache misses in those reference counts.
/// Setting a text field copies the box first when it is shared (copy-on-write).
public struct Participant: Sendable, Identifiable {
    private var text: Text
    /// True when the participant gave any interests at all (even unmapped ones).
    public var gaveInterests: Bool
    public var mandate: Bool
    public var consent: Bool
    public var cancelled: Bool
    /// Pinned to this session (notified participants never move).
    public var pinnedSession: Int?
    /// The session of the previous run, for stability.
    public var previousSession: Int?

    /// Stable id derived from the folded e-mail (same person, same id, every night).
    public var id: String {
        get { text.id }
        set { mutableText().id = newValue }
    }
    public var email: String {
        get { text.email }
        set { mutableText().email = newValue }
    }
    public var emailKey: String {
        get { text.emailKey }
        set { mutableText().emailKey = newValue }
    }
    public var name: String {
        get { text.name }
        set { mutableText().name = newValue }
    }
    public var organisation: String {
        get { text.organisation }
        set { mutableText().organisation = newValue }
    }
    /// Organisation folded for counting ("Gemeente Amsterdam" = "gemeente amsterdam ").
    public var organisationKey: String {
        get { text.organisationKey }
        set { mutableText().organisationKey = newValue }
    }
    public var role: String {
        get { text.role }
        set { mutableText().role = newValue }
    }
    /// Canonical discipline id, `nil` when unknown.
    public var discipline: String? {
        get { text.discipline }
        set { mutableText().discipline = newValue }
    }
    /// Family of the discipline, `nil` when unknown.
    public var family: String? {
        get { text.family }
        set { mutableText().family = newValue }
    }
    /// Canonical interest keyword ids, sorted.
    public var interests: [String] {
        get { text.interests }
        set { mutableText().interests = newValue }
    }
    /// Where the registrant's (latest) row came from.
    public var source: SourceRef {
        get { text.source }
        set { mutableText().source = newValue }
    }

    public init(
        id: String, email: String, emailKey: String, name: String, organisation: String,
        organisationKey: String, role: String, discipline: String?, family: String?, interests: [String],
        gaveInterests: Bool, mandate: Bool, consent: Bool, cancelled: Bool = false,
        pinnedSession: Int? = nil, previousSession: Int? = nil, source: SourceRef
    ) {
        text = Text(
            id: id, email: email, emailKey: emailKey, name: name, organisation: organisation,
            organisationKey: organisationKey, role: role, discipline: discipline, family: family, interests: interests,
            source: source)
        self.gaveInterests = gaveInterests
        self.mandate = mandate
        self.consent = consent
        self.cancelled = cancelled
        self.pinnedSession = pinnedSession
        self.previousSession = previousSession
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

    private mutating func mutableText() -> Text {
        if !isKnownUniquelyReferenced(&text) { text = text.copy() }
        return text
    }

    /// The reference-counted fields, shared between copies until one of them changes.
    private final class Text: @unchecked Sendable {
        // Mutated only through `mutableText()`, i.e. when this box is not shared.
        var id: String
        var email: String
        var emailKey: String
        var name: String
        var organisation: String
        var organisationKey: String
        var role: String
        var discipline: String?
        var family: String?
        var interests: [String]
        var source: SourceRef

        init(
            id: String, email: String, emailKey: String, name: String, organisation: String, organisationKey: String,
            role: String, discipline: String?, family: String?, interests: [String], source: SourceRef
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
            self.source = source
        }

        func copy() -> Text {
            Text(
                id: id, email: email, emailKey: emailKey, name: name, organisation: organisation,
                organisationKey: organisationKey, role: role, discipline: discipline, family: family,
                interests: interests, source: source)
        }

        func equals(_ other: Text) -> Bool {
            self === other
                || (id == other.id && email == other.email && emailKey == other.emailKey && name == other.name
                    && organisation == other.organisation && organisationKey == other.organisationKey
                    && role == other.role && discipline == other.discipline && family == other.family
                    && interests == other.interests && source == other.source)
        }
    }
}

extension Participant: Hashable {
    public static func == (a: Participant, b: Participant) -> Bool {
        a.gaveInterests == b.gaveInterests && a.mandate == b.mandate && a.consent == b.consent
            && a.cancelled == b.cancelled && a.pinnedSession == b.pinnedSession
            && a.previousSession == b.previousSession && a.text.equals(b.text)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(email)
        hasher.combine(emailKey)
        hasher.combine(name)
        hasher.combine(organisation)
        hasher.combine(organisationKey)
        hasher.combine(role)
        hasher.combine(discipline)
        hasher.combine(family)
        hasher.combine(interests)
        hasher.combine(gaveInterests)
        hasher.combine(mandate)
        hasher.combine(consent)
        hasher.combine(cancelled)
        hasher.combine(pinnedSession)
        hasher.combine(previousSession)
        hasher.combine(source)
    }
}

extension Participant: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, email, emailKey, name, organisation, organisationKey, role, discipline, family, interests
        case gaveInterests, mandate, consent, cancelled, pinnedSession, previousSession, source
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), email: try c.decode(String.self, forKey: .email),
            emailKey: try c.decode(String.self, forKey: .emailKey), name: try c.decode(String.self, forKey: .name),
            organisation: try c.decode(String.self, forKey: .organisation),
            organisationKey: try c.decode(String.self, forKey: .organisationKey),
            role: try c.decode(String.self, forKey: .role),
            discipline: try c.decodeIfPresent(String.self, forKey: .discipline),
            family: try c.decodeIfPresent(String.self, forKey: .family),
            interests: try c.decode([String].self, forKey: .interests),
            gaveInterests: try c.decode(Bool.self, forKey: .gaveInterests),
            mandate: try c.decode(Bool.self, forKey: .mandate), consent: try c.decode(Bool.self, forKey: .consent),
            cancelled: try c.decode(Bool.self, forKey: .cancelled),
            pinnedSession: try c.decodeIfPresent(Int.self, forKey: .pinnedSession),
            previousSession: try c.decodeIfPresent(Int.self, forKey: .previousSession),
            source: try c.decode(SourceRef.self, forKey: .source))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(email, forKey: .email)
        try c.encode(emailKey, forKey: .emailKey)
        try c.encode(name, forKey: .name)
        try c.encode(organisation, forKey: .organisation)
        try c.encode(organisationKey, forKey: .organisationKey)
        try c.encode(role, forKey: .role)
        try c.encodeIfPresent(discipline, forKey: .discipline)
        try c.encodeIfPresent(family, forKey: .family)
        try c.encode(interests, forKey: .interests)
        try c.encode(gaveInterests, forKey: .gaveInterests)
        try c.encode(mandate, forKey: .mandate)
        try c.encode(consent, forKey: .consent)
        try c.encode(cancelled, forKey: .cancelled)
        try c.encodeIfPresent(pinnedSession, forKey: .pinnedSession)
        try c.encodeIfPresent(previousSession, forKey: .previousSession)
        try c.encode(source, forKey: .source)
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
