import WerksessiesModel

/// Every label the workbooks show, with its Dutch and English text (one small table): the board's and the
/// partners' words alike, including why something is withheld (the board's small-cell note, the partners' note on
/// who is not listed for want of consent).
public enum ReportLabel: Sendable, Hashable, CaseIterable {
    case item, value, event, organisation, runDate, runID, session, sessions, title, capacity, participants
    case withConsent, outsideComfortZone, trekkers, toelichting, keywords, specialMoment, eligibility
    case name, role, discipline, family, interests, matchedKeywords, reason, email
    case consentGiven, noConsent, unknown
    case keyword, interested, coverage, depth, total
    case cover, summary, overview, familyMix, keywordSheet, quality, dataQuality, changes, trend, about
    case disciplines, shannon, evenness, giniSimpson, inverseSimpson, raoStirling, raoStirlingEffective
    case maxFamilyShare, organisations, maxOrganisationShare, keywordCoverage, meanMatched, shareWithMatch
    case outsideShare, unknownDiscipline
    case group, all, assigned, waitlisted, worstRank, rank
    case code, severity, count, kind, meaning, severityError, severityWarning, severityInfo
    case changeNew, changeMoved, changeCancelled, changeWaitlisted, changePromoted, changeDisappeared
    case run, date, registrants, meanShannon, objective
    case rowsRead, rejected, duplicatesMerged, cancelled
    case smallCellNote, noPersonalData, partnerNote, partnerNoteNamesOnly, listed, notListed, namesOnly, chartFamilyMix, chartDiversity, chartCoverage
    case chartRankProfile, chartTrend, boardTitle, partnerTitle, noData
    case mandate, newSinceLastList, yes, no, placementNote, reasonNote, newNote, attendanceList, signature
    case changesSinceLastList, arrived, left, movedElsewhere, confidential, pageOfPages, madeOn, listedHere, contact
    case sessionText, noChangesSinceLastList, firstList, attendanceTooLong, sheetGuide
    case dashboard, guide, charts, seats, meanEvenness, other, chartFillRate, chartOutside, chartData, measure
    case measureCounts, measureRange, measureHigh, measureLow, measureBase, seeGuide, sinceLastRun, firstRun
    case trendUnrecordedNote

    /// The text in a language.
    public func text(_ language: ReportOptions.Language) -> String {
        let (nl, en) = pair
        return language == .en ? en : nl
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private var pair: (String, String) {
        switch self {
        case .item: ("Onderdeel", "Item")
        case .value: ("Waarde", "Value")
        case .event: ("Evenement", "Event")
        case .organisation: ("Organisatie", "Organisation")
        case .runDate: ("Rundatum", "Run date")
        case .runID: ("Run-id", "Run id")
        case .session: ("Sessie", "Session")
        case .sessions: ("Sessies", "Sessions")
        case .title: ("Titel", "Title")
        case .capacity: ("Capaciteit", "Capacity")
        case .participants: ("Deelnemers", "Participants")
        case .withConsent: ("Met toestemming voor contact", "With consent to contact")
        case .outsideComfortZone: ("Buiten comfortzone", "Outside comfort zone")
        case .trekkers: ("Trekkers", "Lead partners")
        case .toelichting: ("Toelichting", "Description")
        case .keywords: ("Steekwoorden", "Keywords")
        case .specialMoment: ("Bijzonder moment", "Special moment")
        case .eligibility: ("Voorwaarden", "Eligibility")
        case .name: ("Naam", "Name")
        case .role: ("Functie", "Role")
        case .discipline: ("Discipline", "Discipline")
        case .family: ("Disciplinefamilie", "Discipline family")
        case .interests: ("Interesses", "Interests")
        case .matchedKeywords: ("Gematchte steekwoorden", "Matched keywords")
        case .reason: ("Waarom deze sessie", "Why this session")
        case .email: ("E-mail", "E-mail")
        case .consentGiven: ("toestemming", "consent")
        case .noConsent: ("geen toestemming", "no consent")
        case .unknown: ("onbekend", "unknown")
        case .keyword: ("Steekwoord", "Keyword")
        case .interested: ("Geïnteresseerden", "Interested participants")
        case .coverage: ("Dekking steekwoorden", "Keyword coverage")
        case .depth: ("Diepte", "Depth")
        case .total: ("Totaal", "Total")
        case .cover: ("Voorblad", "Cover")
        case .summary: ("Samenvatting", "Summary")
        case .overview: ("Overzicht", "Overview")
        case .familyMix: ("Familiemix", "Family mix")
        case .keywordSheet: ("Steekwoorden", "Keywords")
        case .quality: ("Kwaliteit indeling", "Assignment quality")
        case .dataQuality: ("Datakwaliteit", "Data quality")
        case .changes: ("Wijzigingen", "Changes")
        case .trend: ("Trend", "Trend")
        case .about: ("Over dit rapport", "About")
        case .disciplines: ("Disciplines", "Disciplines")
        case .shannon: ("Shannon H", "Shannon H")
        case .evenness: ("Gelijkmatigheid", "Evenness")
        case .giniSimpson: ("Gini-Simpson", "Gini-Simpson")
        case .inverseSimpson: ("Inverse Simpson", "Inverse Simpson")
        case .raoStirling: ("Rao-Stirling", "Rao-Stirling")
        case .raoStirlingEffective: ("Rao-Stirling effectief", "Rao-Stirling effective")
        case .maxFamilyShare: ("Grootste familie-aandeel", "Largest family share")
        case .organisations: ("Organisaties", "Organisations")
        case .maxOrganisationShare: ("Grootste organisatie-aandeel", "Largest organisation share")
        case .keywordCoverage: ("Dekking steekwoorden", "Keyword coverage")
        case .meanMatched: ("Gem. gematchte steekwoorden", "Mean matched keywords")
        case .shareWithMatch: ("Aandeel met match", "Share with a match")
        case .outsideShare: ("Aandeel buiten comfortzone", "Share outside comfort zone")
        case .unknownDiscipline: ("Discipline onbekend", "Discipline unknown")
        case .group: ("Groep", "Group")
        case .all: ("Alle deelnemers", "All participants")
        case .assigned: ("Ingedeeld", "Assigned")
        case .waitlisted: ("Wachtlijst", "Waitlisted")
        case .worstRank: ("Laagste steekwoord-match", "Lowest keyword match")
        case .rank: ("Steekwoord-match nr.", "Keyword match no.")
        case .code: ("Code", "Code")
        case .severity: ("Ernst", "Severity")
        case .meaning: ("Wat het betekent", "What it means")
        case .severityError: ("fout", "error")
        case .severityWarning: ("waarschuwing", "warning")
        case .severityInfo: ("ter info", "info")
        case .count: ("Aantal", "Count")
        case .kind: ("Soort", "Kind")
        case .changeNew: ("nieuw", "new")
        case .changeMoved: ("verplaatst", "moved")
        case .changeCancelled: ("geannuleerd", "cancelled")
        case .changeWaitlisted: ("op wachtlijst", "waitlisted")
        case .changePromoted: ("van wachtlijst geplaatst", "promoted")
        case .changeDisappeared: ("niet meer in invoer", "disappeared")
        case .run: ("Run", "Run")
        case .date: ("Datum", "Date")
        case .registrants: ("Inschrijvers", "Registrants")
        case .meanShannon: ("Gem. Shannon H", "Mean Shannon H")
        case .objective: ("Doelfunctie", "Objective")
        case .rowsRead: ("Rijen gelezen", "Rows read")
        case .rejected: ("Afgewezen rijen", "Rejected rows")
        case .duplicatesMerged: ("Samengevoegde dubbelen", "Duplicates merged")
        case .cancelled: ("Geannuleerd", "Cancelled")
        case .smallCellNote:
            ("Aantallen kleiner dan de drempel staan als \"<N\"; soms is ook een tweede cel verborgen zodat niets terug te rekenen is.",
             "Counts below the threshold show as \"<N\"; sometimes a second cell is hidden too so that nothing can be recovered.")
        case .noPersonalData: ("Dit rapport bevat geen persoonsgegevens.", "This report contains no personal data.")
        case .partnerNote:
            ("Alleen deelnemers van uw eigen sessie(s) die toestemming gaven om hun gegevens met u te delen staan op de lijst; "
                + "de anderen tellen mee in de aantallen, de disciplinemix en de interesses, zonder naam.",
             "Only participants of your own session(s) who consented to sharing their details with you are listed; "
                + "the others count in the totals, the discipline mix and the interests, without their names.")
        case .partnerNoteNamesOnly:
            ("Alleen deelnemers van uw eigen sessie(s); wie geen toestemming gaf staat er alleen met naam op, zonder "
                + "organisatie, functie, interesses of e-mail.",
             "Only participants of your own session(s); those who gave no consent are listed by name only, without "
                + "organisation, role, interests or e-mail.")
        case .listed: ("Op de lijst", "Listed")
        case .notListed: ("Niet op de lijst (geen toestemming)", "Not listed (no consent)")
        case .namesOnly: ("Alleen met naam (geen toestemming)", "Name only (no consent)")
        case .chartFamilyMix: ("Disciplinefamilies per sessie", "Discipline families per session")
        case .chartDiversity: ("Diversiteit per sessie", "Diversity per session")
        case .chartCoverage: ("Dekking steekwoorden per sessie", "Keyword coverage per session")
        case .chartRankProfile: ("Hoeveelste steekwoord-match werd het?", "Which keyword match did people get?")
        case .chartTrend: ("Inschrijvingen per run", "Registrations per run")
        case .boardTitle: ("Bestuursrapportage", "Board report")
        case .partnerTitle: ("Partnerrapportage", "Partner report")
        case .noData: ("(geen gegevens)", "(no data)")
        case .mandate: ("Mandaat", "Mandate")
        case .dashboard: ("Dashboard", "Dashboard")
        case .guide: ("Leeswijzer", "Reading guide")
        case .charts: ("Grafieken", "Charts")
        case .seats: ("Plaatsen", "Seats")
        case .meanEvenness: ("Gem. gelijkmatigheid disciplines", "Mean evenness of disciplines")
        case .other: ("overig", "other")
        case .chartFillRate: ("Deelnemers en plaatsen per sessie", "Participants and seats per session")
        case .chartOutside: ("Aandeel buiten de comfortzone per sessie", "Share outside the comfort zone per session")
        case .chartData: ("Gegevens voor de grafieken", "Data for the charts")
        case .measure: ("Maat", "Measure")
        case .measureCounts: ("Wat het telt", "What it counts")
        case .measureRange: ("Bereik", "Range")
        case .measureHigh: ("Hoog betekent", "High means")
        case .measureLow: ("Laag betekent", "Low means")
        case .measureBase: ("Basis", "Base")
        case .seeGuide: ("Zie het blad Leeswijzer: ", "See the Reading guide sheet: ")
        case .sinceLastRun: ("Sinds de vorige run", "Since the previous run")
        case .firstRun: ("Dit is de eerste run: er is nog niets om mee te vergelijken.", "This is the first run: nothing to compare with yet.")
        case .newSinceLastList: ("Nieuw sinds vorige lijst", "New since last list")
        case .yes: ("ja", "yes")
        case .no: ("nee", "no")
        case .placementNote: ("Bijzonderheid indeling", "Placement note")
        case .reasonNote:
            ("Leeg: ingedeeld op de gematchte steekwoorden. Anders staat hier waarom het een andere sessie werd "
                + "(vol, voorwaarde, mix van disciplines, vastgezet of dezelfde sessie als vorige keer).",
             "Empty: placed on the matched keywords. Otherwise why it became another session (full, eligibility, "
                + "discipline mix, pinned or the same session as last time).")
        case .newNote: ("\"ja\": staat voor het eerst op de lijst van deze sessie.", "\"yes\": on this session's list for the first time.")
        case .attendanceList: ("Presentielijst", "Attendance")
        case .signature: ("Handtekening", "Signature")
        case .changesSinceLastList: ("Wijzigingen sinds de vorige lijst", "Changes since the last list")
        case .arrived: ("nieuw op de lijst", "new on the list")
        case .left: ("afgemeld", "cancelled")
        case .movedElsewhere: ("naar een andere sessie", "moved to another session")
        case .confidential: ("Vertrouwelijk — bevat persoonsgegevens", "Confidential — contains personal data")
        case .pageOfPages: ("Pagina &P van &N", "Page &P of &N")
        case .madeOn: ("Gemaakt op", "Made on")
        case .listedHere: ("Op deze lijst", "On this list")
        case .contact: ("Contact", "Contact")
        case .sessionText: ("Over de sessie", "About the session")
        case .noChangesSinceLastList: ("Geen wijzigingen sinds de vorige lijst.", "No changes since the last list.")
        case .firstList: ("Dit is de eerste lijst: er is nog geen vorige om mee te vergelijken.", "This is the first list: there is no earlier one to compare with.")
        case .attendanceTooLong:
            ("Meer dan %d deelnemers: de lijst staat op het sessieblad (te lang om af te drukken).",
             "More than %d participants: the list is on the session sheet (too long to print).")
        case .trendUnrecordedNote:
            ("Eerdere runs staan zoals hun eigen rapport ze toonde; van runs van vóór het vastleggen daarvan is dat niet "
                + "bekend, dus staan hun cijfers als x.",
             "Earlier runs show what their own report showed; for runs from before that was recorded it is not known, "
                + "so their figures show as x.")
        case .sheetGuide:
            ("Per sessie een blad met de deelnemers (op achternaam, zonder tussenvoegsel), een presentielijst om af te "
                + "drukken en de wijzigingen sinds de vorige lijst.",
             "Per session a sheet with the participants (by surname), an attendance list to print and the changes "
                + "since the last list.")
        }
    }

    /// The label of a change kind.
    public static func change(_ kind: Change.Kind) -> ReportLabel {
        switch kind {
        case .new: .changeNew
        case .moved: .changeMoved
        case .cancelled: .changeCancelled
        case .waitlisted: .changeWaitlisted
        case .promoted: .changePromoted
        case .disappeared: .changeDisappeared
        }
    }
}
