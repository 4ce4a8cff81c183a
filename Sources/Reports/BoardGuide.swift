import WerksessiesModel

/// The board's reading guide: every measure in plain words — what it counts, its range, what high and low mean,
/// and its base (who it is counted over). One entry per measure, in Dutch and English.
struct BoardGuide {
    let label: ReportLabel
    let counts: (String, String)
    let range: (String, String)
    let high: (String, String)
    let low: (String, String)
    let base: (String, String)

    /// The entry's cells in a language: measure, counts, range, high, low, base.
    func cells(_ context: ReportContext) -> [String] {
        let en = context.language == .en
        return [context(label)] + [counts, range, high, low, base].map { en ? $0.1 : $0.0 }
    }

    /// What the secondary marker means, for the guide's last row.
    static func secondaryMarker(_ context: ReportContext, _ protection: SmallCellProtection) -> String {
        context.language == .en
            ? "A figure hidden so that no count shown as \(protection.hiddenLabel) can be worked out from totals, shares, differences or means; never a count below \(protection.threshold). The diversity indices are rounded (two decimals, effective numbers whole) so that they do not give the family mix's hidden counts away; a session whose indices would do so even rounded shows x for them and for its distinct disciplines and is left out of the diversity charts. The means over all sessions (trend, comparison) are shown rounded as well, unless they would narrow such a session's figures down to a hidden count."
            : "Een cijfer dat verborgen is zodat geen als \(protection.hiddenLabel) getoond aantal is terug te rekenen uit totalen, aandelen, verschillen of gemiddelden; nooit een aantal kleiner dan \(protection.threshold). De diversiteitsindices zijn afgerond (op twee decimalen, effectieve aantallen op een heel getal), zodat ze de verborgen aantallen van de familiemix niet verraden; een sessie waarvan de indices dat afgerond nog steeds zouden doen, toont x voor de indices en het aantal disciplines en staat niet in de diversiteitsgrafieken. De gemiddelden over alle sessies (trend, vergelijking) staan ook afgerond, tenzij ze de cijfers van zo'n sessie tot een verborgen aantal zouden terugbrengen."
    }

    /// The entry of a label (for the notes on column headers).
    static func entry(_ label: ReportLabel) -> BoardGuide? { all.first { $0.label == label } }

    static let all: [BoardGuide] = [
        BoardGuide(
            label: .participants, counts: ("Ingedeelde deelnemers van de sessie.", "Participants assigned to the session."),
            range: ("0 tot de capaciteit", "0 to the capacity"), high: ("Sessie (bijna) vol.", "Session (nearly) full."),
            low: ("Veel plaats over.", "Many seats left."), base: ("Niet-geannuleerde inschrijvers.", "Registrants who did not cancel.")),
        BoardGuide(
            label: .capacity, counts: ("Het aantal plaatsen van de sessie.", "The session's seats."), range: ("vast", "fixed"),
            high: ("—", "—"), low: ("—", "—"), base: ("De sessiecatalogus.", "The session catalog.")),
        BoardGuide(
            label: .disciplines, counts: ("Hoeveel verschillende disciplines er in de sessie zitten.", "How many different disciplines are in the session."),
            range: ("0 tot het aantal disciplines", "0 to the number of disciplines"), high: ("Veel verschillende vakgebieden.", "Many different fields."),
            low: ("Weinig verschillende vakgebieden.", "Few different fields."), base: ("Deelnemers met een bekende discipline.", "Participants with a known discipline.")),
        BoardGuide(
            label: .shannon, counts: ("Diversiteit van disciplines: hoeveel soorten en hoe gelijk verdeeld. Afgerond op twee decimalen.", "Diversity of disciplines: how many kinds and how evenly spread. Rounded to two decimals."),
            range: ("0 tot ln(aantal disciplines), ongeveer 0–3", "0 to ln(number of disciplines), about 0–3"),
            high: ("Veel disciplines, gelijk verdeeld.", "Many disciplines, evenly spread."), low: ("Eén of enkele disciplines overheersen.", "One or a few disciplines dominate."),
            base: ("Deelnemers met een bekende discipline.", "Participants with a known discipline.")),
        BoardGuide(
            label: .evenness, counts: ("Shannon H gedeeld door het hoogst mogelijke: hoe gelijk de disciplines verdeeld zijn. Afgerond op twee decimalen.", "Shannon H over its maximum: how evenly the disciplines are spread. Rounded to two decimals."),
            range: ("0 tot 1", "0 to 1"), high: ("Alle disciplines even sterk vertegenwoordigd.", "All disciplines equally represented."),
            low: ("Eén discipline overheerst.", "One discipline dominates."), base: ("Deelnemers met een bekende discipline.", "Participants with a known discipline.")),
        BoardGuide(
            label: .giniSimpson, counts: ("De kans dat twee willekeurige deelnemers een verschillende discipline hebben. Afgerond op twee decimalen.", "The chance that two random participants have different disciplines. Rounded to two decimals."),
            range: ("0 tot 1", "0 to 1"), high: ("Twee willekeurige deelnemers verschillen bijna altijd.", "Two random participants almost always differ."),
            low: ("Bijna iedereen heeft dezelfde discipline.", "Nearly everyone has the same discipline."), base: ("Deelnemers met een bekende discipline.", "Participants with a known discipline.")),
        BoardGuide(
            label: .inverseSimpson, counts: ("Het 'effectieve aantal' disciplines: zoveel even grote groepen geven dezelfde mix. Afgerond op een heel getal.", "The 'effective number' of disciplines: that many equal groups give the same mix. Rounded to a whole number."),
            range: ("1 tot het aantal disciplines", "1 to the number of disciplines"), high: ("Veel even grote groepen.", "Many equal groups."),
            low: ("Feitelijk één groep.", "In effect one group."), base: ("Deelnemers met een bekende discipline.", "Participants with a known discipline.")),
        BoardGuide(
            label: .raoStirling, counts: ("Diversiteit die ook meetelt hoe ver disciplines uit elkaar liggen (twee uit dezelfde familie liggen dichter bij elkaar). Afgerond op twee decimalen.", "Diversity that also counts how far apart disciplines are (two of one family are closer). Rounded to two decimals."),
            range: ("0 tot 1", "0 to 1"), high: ("Mensen uit ver uiteenliggende vakgebieden samen.", "People from distant fields together."),
            low: ("Vooral verwante vakgebieden.", "Mostly related fields."), base: ("Deelnemers met een bekende discipline.", "Participants with a known discipline.")),
        BoardGuide(
            label: .raoStirlingEffective, counts: ("Rao-Stirling als effectief aantal: 1 / (1 − Rao-Stirling). Afgerond op een heel getal.", "Rao-Stirling as an effective number: 1 / (1 − Rao-Stirling). Rounded to a whole number."),
            range: ("1 en hoger", "1 and up"), high: ("Veel ver uiteenliggende vakgebieden.", "Many distant fields."),
            low: ("Verwante vakgebieden.", "Related fields."), base: ("Deelnemers met een bekende discipline.", "Participants with a known discipline.")),
        BoardGuide(
            label: .maxFamilyShare, counts: ("Het aandeel van de grootste disciplinefamilie in de sessie.", "The share of the largest discipline family in the session."),
            range: ("0% tot 100%", "0% to 100%"), high: ("Eén familie overheerst.", "One family dominates."),
            low: ("Families in evenwicht.", "Families in balance."), base: ("Deelnemers van de sessie.", "The session's participants.")),
        BoardGuide(
            label: .maxOrganisationShare, counts: ("Het aandeel van de grootste organisatie in de sessie.", "The share of the largest organisation in the session."),
            range: ("0% tot 100%", "0% to 100%"), high: ("Veel collega's bij elkaar.", "Many colleagues together."),
            low: ("Mensen uit veel organisaties.", "People from many organisations."), base: ("Deelnemers van de sessie.", "The session's participants.")),
        BoardGuide(
            label: .keywordCoverage, counts: ("Het deel van de steekwoorden van de sessie waar minstens één deelnemer interesse in heeft.", "The part of the session's keywords that at least one participant is interested in."),
            range: ("0% tot 100%", "0% to 100%"), high: ("Elk thema van de sessie heeft belangstellenden.", "Every theme of the session has interested people."),
            low: ("Thema's zonder belangstellenden.", "Themes nobody asked for."), base: ("De steekwoorden van de sessie.", "The session's keywords.")),
        BoardGuide(
            label: .meanMatched, counts: ("Gemiddeld aantal eigen steekwoorden dat een deelnemer in zijn sessie terugvindt.", "Mean number of own keywords a participant finds in their session."),
            range: ("0 en hoger", "0 and up"), high: ("De sessie sluit goed aan op de interesses.", "The session fits the interests well."),
            low: ("Weinig aansluiting (of bewust uitgedaagd).", "Little fit (or a deliberate challenge)."), base: ("Ingedeelde deelnemers.", "Assigned participants.")),
        BoardGuide(
            label: .shareWithMatch, counts: ("Het deel dat minstens één eigen steekwoord in de sessie terugvindt.", "The share who find at least one of their keywords in their session."),
            range: ("0% tot 100%", "0% to 100%"), high: ("Bijna iedereen heeft aansluiting.", "Nearly everyone has a fit."),
            low: ("Veel deelnemers zonder aansluiting.", "Many without a fit."), base: ("Van de deelnemers die interesses opgaven.", "Of the participants who gave interests.")),
        BoardGuide(
            label: .outsideShare, counts: ("Het deel dat in een sessie zit die niet door een organisatie uit de eigen disciplinefamilie wordt getrokken.", "The share in a session not led by an organisation of their own discipline family."),
            range: ("0% tot 100%", "0% to 100%"), high: ("Veel mensen uit hun comfortzone gehaald (het doel van de indeling).", "Many taken out of their comfort zone (the aim)."),
            low: ("De meesten blijven in het eigen vakgebied.", "Most stay in their own field."), base: ("Ingedeelde deelnemers.", "Assigned participants.")),
        BoardGuide(
            label: .rank, counts: ("De hoeveelste sessie het werd in de volgorde van de eigen steekwoorden (1 = de sessie die het best bij de opgegeven steekwoorden past). Deelnemers kiezen geen sessies.", "Which session it was in the order of one's own keywords (1 = the session that fits the given keywords best). Participants do not choose sessions."),
            range: ("1 tot het aantal sessies", "1 to the number of sessions"), high: ("Verder van de eigen steekwoorden (bijvoorbeeld omdat een sessie vol was of voor de mix).", "Further from one's keywords (e.g. a session was full, or for the mix)."),
            low: ("De best passende sessie.", "The best fitting session."), base: ("Ingedeelde deelnemers.", "Assigned participants.")),
        BoardGuide(
            label: .waitlisted, counts: ("Inschrijvers zonder plaats in een sessie waarvoor zij in aanmerking komen.", "Registrants without a seat in a session open to them."),
            range: ("0 en hoger", "0 and up"), high: ("Te weinig plaatsen.", "Too few seats."), low: ("Iedereen geplaatst.", "Everyone placed."),
            base: ("Niet-geannuleerde inschrijvers.", "Registrants who did not cancel.")),
    ]
}
