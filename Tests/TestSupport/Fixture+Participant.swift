import Foundation
import WerksessiesModel

/// Values for tests: participants and registrations with every field set; a test overrides what it is about.
public enum Fixture {
    /// A participant with id `id`; its e-mail defaults to `<id>@example.org` and its name to `Persoon <id>`.
    public static func participant(
        _ id: String, email: String? = nil, name: String? = nil, organisation: String = "Org",
        organisationKey: String? = nil, role: String = "", discipline: String? = nil, family: String? = nil,
        interests: [String] = [], gaveInterests: Bool? = nil, mandate: Bool = false, consent: Bool = true,
        cancelled: Bool = false, pinned: Int? = nil, previous: Int? = nil,
        source: SourceRef = SourceRef(file: "test.csv", row: 2)
    ) -> Participant {
        let email = email ?? "\(id.lowercased())@example.org"
        return Participant(
            id: id, email: email, emailKey: Registration.foldEmail(email), name: name ?? "Persoon \(id)",
            organisation: organisation, organisationKey: organisationKey ?? organisation.lowercased(), role: role,
            discipline: discipline, family: family, interests: interests,
            gaveInterests: gaveInterests ?? !interests.isEmpty, mandate: mandate, consent: consent, cancelled: cancelled,
            pinnedSession: pinned, previousSession: previous, source: source)
    }

    /// Participant number `n`: id `P` + six digits, e-mail `p<n>@example.org`, name `Persoon <n>`, source row n + 2;
    /// its discipline is its family and its interests are sorted.
    public static func participant(
        _ n: Int, family: String?, interests: [String], mandate: Bool = false, consent: Bool = true,
        cancelled: Bool = false, pinned: Int? = nil, previous: Int? = nil
    ) -> Participant {
        participant(
            String(format: "P%06d", n), email: "p\(n)@example.org", name: "Persoon \(n)", discipline: family,
            family: family, interests: interests.sorted(), mandate: mandate, consent: consent, cancelled: cancelled,
            pinned: pinned, previous: previous, source: SourceRef(file: "test.csv", row: n + 2))
    }

    /// A participant as the state tests store it: every optional field set (mandate on, consent off), e-mail
    /// `<id>@x.nl`, name `N <id>` unless given, source `in.csv` row 3.
    public static func storedParticipant(_ id: String, name: String? = nil, cancelled: Bool = false) -> Participant {
        participant(
            id, email: "\(id)@x.nl", name: name ?? "N \(id)", discipline: "architect", family: "design",
            interests: ["kunst"], mandate: true, consent: false, cancelled: cancelled,
            source: SourceRef(file: "in.csv", row: 3))
    }

    /// A registration as a reader would produce it from `file`, row `row`.
    public static func registration(
        _ email: String, row: Int, file: String = "test.csv", sheet: String? = nil, name: String = "",
        organisation: String = "", role: String = "", discipline: String = "", interests: String = "",
        mandate: Bool? = nil, consent: Bool = false, submittedAt: Date? = nil, cancelled: Bool = false
    ) -> Registration {
        Registration(
            source: SourceRef(file: file, sheet: sheet, row: row), email: email, name: name, organisation: organisation,
            role: role, discipline: discipline, interests: interests, mandate: mandate, consent: consent,
            submittedAt: submittedAt, cancelled: cancelled)
    }
}
