import WerksessiesModel

/// What partner organisations receive: which sessions' lists, and who is a row in them (only what was consented).
enum PartnerSelection {
    /// How a session member appears in the partner workbooks.
    enum Listing: Sendable, Equatable {
        /// Name, organisation, role, discipline, interests and e-mail (the participant consented).
        case full
        /// The name only (`partners.without_consent: name_only`).
        case nameOnly
        /// Not a row: counted in the totals, the family mix and the interests only.
        case notListed
    }

    /// How a participant appears in partner workbooks under the options.
    static func listing(_ participant: Participant, _ options: ReportOptions) -> Listing {
        if participant.consent { return .full }
        return options.partnersWithoutConsent == .nameOnly ? .nameOnly : .notListed
    }

    /// The sessions whose lists an organisation receives: those it leads, and those it co-leads "i.s.m." when
    /// `partners.include_ism` is on.
    static func sessions(of organisation: String, in catalog: Catalog, _ options: ReportOptions) -> [Session] {
        catalog.sessions.filter { session in
            session.trekkers.contains { $0.id == organisation && (options.partnersIncludeISM || !$0.inCooperation) }
        }
    }

    /// The organisations that receive a workbook, in catalog order.
    static func recipients(_ catalog: Catalog, _ options: ReportOptions) -> [Trekker] {
        catalog.organisations.filter { !sessions(of: $0.id, in: catalog, options).isEmpty }
    }
}
