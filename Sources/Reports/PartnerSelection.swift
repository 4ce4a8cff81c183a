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

/// The partner workbooks' texts about what is shared, in Dutch and English.
enum PartnerPrivacyLabel: Sendable, Hashable, CaseIterable {
    case listed, notListed, namesOnly, note, noteNamesOnly

    /// The text in a language.
    func text(_ language: ReportOptions.Language) -> String {
        let (nl, en) = pair
        return language == .en ? en : nl
    }

    private var pair: (String, String) {
        switch self {
        case .listed: ("Op de lijst", "Listed")
        case .notListed: ("Niet op de lijst (geen toestemming)", "Not listed (no consent)")
        case .namesOnly: ("Alleen met naam (geen toestemming)", "Name only (no consent)")
        case .note:
            ("Alleen deelnemers van uw eigen sessie(s) die toestemming gaven om hun gegevens met u te delen staan op de lijst; "
                + "de anderen tellen mee in de aantallen, de disciplinemix en de interesses, zonder naam.",
             "Only participants of your own session(s) who consented to sharing their details with you are listed; "
                + "the others count in the totals, the discipline mix and the interests, without their names.")
        case .noteNamesOnly:
            ("Alleen deelnemers van uw eigen sessie(s); wie geen toestemming gaf staat er alleen met naam op, zonder "
                + "organisatie, functie, interesses of e-mail.",
             "Only participants of your own session(s); those who gave no consent are listed by name only, without "
                + "organisation, role, interests or e-mail.")
        }
    }
}
