import WerksessiesModel

extension Fixture {
    /// A session with one trekker organisation per home family (`T<id>_<n>`) and its keywords as their own labels.
    public static func session(
        _ id: Int, capacity: Int, minimum: Int = 0, keywords: [String], homes: [String], rules: [EligibilityRule] = []
    ) -> Session {
        Session(
            id: id, title: "Sessie \(id)",
            trekkers: homes.enumerated().map { Trekker(id: "T\(id)_\($0.offset)", name: "Trekker", family: $0.element) },
            toelichting: "", keywords: keywords.map { SessionKeyword(id: $0, label: $0) }, capacity: capacity,
            minimum: minimum, eligibility: rules)
    }

    /// The eligibility rule of session 8: a mandate is required.
    public static let mandate = EligibilityRule(kind: .requiresMandate, label: "Mandaat vereist")
}
