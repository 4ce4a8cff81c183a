import Foundation
import WerksessiesModel

/// Synthetic registrations that look like a real form-tool export (for `werksessies sample`).
public struct SampleGenerator: Sendable {
    public var catalog: Catalog

    /// A generator whose interests are the catalog's steekwoorden.
    public init(catalog: Catalog) { self.catalog = catalog }

    /// The export's header row (Microsoft Forms style, in Dutch).
    public static let header = [
        "ID", "Begintijd", "Tijd van voltooien", "E-mail", "Voornaam", "Achternaam", "Organisatie", "Functie",
        "Vakgebied / discipline",
        "Wat zijn uw interessegebieden? (meerdere antwoorden mogelijk)",
        "Heeft u mandaat om namens uw organisatie afspraken te maken?",
        "Ik geef toestemming om mijn contactgegevens te delen met de trekkers van mijn werksessie",
        "Status",
    ]

    /// `participants` unique registrants (plus duplicates, cancellations and a few bad rows), deterministic per seed.
    public func rows(participants: Int, seed: UInt64, firstID: Int = 1) -> [[String]] {
        var rng = SplitMix64(seed: seed)
        var rows: [[String]] = []
        rows.reserveCapacity(participants + participants / 8)
        let keywordLabels = catalog.sessions.flatMap { $0.keywords.map(\.label) }
        var seenLabels = Set<String>()
        let options = keywordLabels.filter { seenLabels.insert($0.lowercased()).inserted }
        let base = Date(timeIntervalSince1970: 1_599_000_000)  // early September 2020
        var id = firstID
        var pendingLater: [[String]] = []
        let firstSlugs = Self.firstNames.map(Self.slug)
        let lastSlugs = Self.lastNames.map { Self.slug($0).replacingOccurrences(of: "-", with: "") }
        let domains = Self.organisations.map { Self.usedDomains[$0] ?? "\(Self.slug($0)).nl" }
        for index in 0..<participants {
            let firstIndex = Int.random(in: 0..<Self.firstNames.count, using: &rng)
            let lastIndex = Int.random(in: 0..<Self.lastNames.count, using: &rng)
            let organisationIndex = Int.random(in: 0..<Self.organisations.count, using: &rng)
            let (first, last) = (Self.firstNames[firstIndex], Self.lastNames[lastIndex])
            let organisation = Self.organisations[organisationIndex]
            let domain = domains[organisationIndex]
            let local = firstSlugs[firstIndex] + "." + lastSlugs[lastIndex]
            // Large samples need more distinct addresses than names give: number them as people do.
            let numbered = participants > 2_000 || Int.random(in: 0..<10, using: &rng) < 3
            let email = numbered ? "\(local)\(index + Int(seed % 97))@\(domain)" : "\(local)@\(domain)"
            let (discipline, role) = Self.disciplines.randomElement(using: &rng)!
            let interests = interestsAnswer(options: options, rng: &rng)
            let mandate = Self.mandateAnswers.randomElement(using: &rng)!
            let consent = Self.consentAnswers.randomElement(using: &rng)!
            let submitted = base.addingTimeInterval(Double(index) * 1800 + Double.random(in: 0..<1700, using: &rng))
            var row = [
                String(id), Self.timestamp(submitted.addingTimeInterval(-240)), Self.timestamp(submitted), email, first,
                last, Int.random(in: 0..<20, using: &rng) == 0 ? organisation.lowercased() + " " : organisation, role,
                discipline, interests, mandate, consent, "",
            ]
            id += 1
            if Int.random(in: 0..<100, using: &rng) == 0 {
                row[3] = ["geen", "\(local)@", "\(local)@@\(domain)", "\(local) at \(domain)"].randomElement(using: &rng)!
            }
            rows.append(row)
            let fate = Int.random(in: 0..<100, using: &rng)
            if fate < 6 {
                // Registered again later: other case or a stray space, updated answers.
                var again = row
                again[0] = ""
                again[3] = Bool.random(using: &rng) ? email.uppercased() : " \(email) "
                again[2] = Self.timestamp(submitted.addingTimeInterval(86_400 * 3))
                again[9] = interestsAnswer(options: options, rng: &rng)
                pendingLater.append(again)
            } else if fate < 9 {
                var cancel = row
                cancel[0] = ""
                cancel[2] = Self.timestamp(submitted.addingTimeInterval(86_400 * 5))
                cancel[12] = ["Geannuleerd", "Afgemeld", "cancelled"].randomElement(using: &rng)!
                pendingLater.append(cancel)
            }
            if !pendingLater.isEmpty && Int.random(in: 0..<4, using: &rng) == 0 {
                var later = pendingLater.removeFirst()
                later[0] = String(id)
                id += 1
                rows.append(later)
            }
        }
        for var later in pendingLater {
            later[0] = String(id)
            id += 1
            rows.append(later)
        }
        return rows
    }

    func interestsAnswer(options: [String], rng: inout SplitMix64) -> String {
        let roll = Int.random(in: 0..<100, using: &rng)
        if roll < 5 { return "" }
        if roll < 15 { return Self.freeTexts.randomElement(using: &rng)! }
        let count = Int.random(in: 1...4, using: &rng)
        var picked: [String] = []
        for _ in 0..<count {
            var label = options.randomElement(using: &rng)!
            if Int.random(in: 0..<8, using: &rng) == 0, let english = Self.englishVariants[label.lowercased()] {
                label = english
            }
            if !picked.contains(label) { picked.append(label) }
        }
        if roll > 92 { picked.append("Anders: " + Self.freeTexts.randomElement(using: &rng)!) }
        return picked.joined(separator: roll % 3 == 0 ? ", " : ";")
    }

    /// "yyyy-MM-dd HH:mm:ss" in Dutch summer time (UTC+2), formatted by hand: DateFormatter is far too slow for 1M rows.
    static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970) + 2 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(year)-\(two(month))-\(two(day)) \(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
    }

    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "nl_NL"))
            .lowercased()
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" }.map(Character.init))
    }

    static let firstNames = [
        "Daan", "Sanne", "Bram", "Eva", "Jeroen", "Femke", "Joël", "Anouk", "Chloë", "Zoë", "Noël", "Maaike", "Rutger",
        "Ilse", "Thijs", "Lotte", "Sjoerd", "Marieke", "Hüseyin", "Özlem", "Fatima", "Mohamed", "Renée", "André",
        "José", "Ineke", "Wouter", "Bart", "Hanneke", "Inge", "IJsbrand", "Floor", "Siham", "Gijs", "Mirjam", "Koen",
        "Esther", "Niels", "Yvonne", "Pieter-Jan", "Anne-Marie", "Björn", "Aïcha", "Frans", "Geertje",
    ]
    static let lastNames = [
        "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
        "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
        "de Graaf", "van der Meer", "Koç", "Yılmaz", "El Amrani", "Çelik", "van 't Hof", "ter Horst", "IJzerman",
        "Öztürk", "Verhoeven", "Kuijpers", "van Leeuwen", "Schouten", "Hoekstra", "Pronk", "Zwart", "Groenewegen",
    ]
    static let organisations = [
        "Gemeente Amsterdam", "Gemeente Utrecht", "Gemeente Rotterdam", "Gemeente Zwolle", "Provincie Noord-Brabant",
        "Provincie Gelderland", "Rijkswaterstaat", "Ministerie van BZK", "Ministerie van LNV", "Waterschap Rivierenland",
        "Arcadis", "Witteveen+Bos", "Sweco", "Royal HaskoningDHV", "MVRDV", "West 8", "Posad Maxwan", "De Urbanisten",
        "TU Delft", "Wageningen University & Research", "Hogeschool Rotterdam", "Natuurmonumenten", "Staatsbosbeheer",
        "Eneco", "Vattenfall", "Alliander", "BPD", "AM", "Heijmans", "BAM", "Dura Vermeer", "Woonstad Rotterdam",
        "Ymere", "Het Nieuwe Instituut", "Mondriaan Fonds", "Erfgoed Leiden", "Platform31", "College van Rijksadviseurs",
        "Eigen bureau", "zzp",
    ]
    static let usedDomains: [String: String] = [
        "Gemeente Amsterdam": "amsterdam.nl", "Gemeente Utrecht": "utrecht.nl", "Gemeente Rotterdam": "rotterdam.nl",
        "Gemeente Zwolle": "zwolle.nl", "Rijkswaterstaat": "rws.nl", "Ministerie van BZK": "minbzk.nl",
        "Ministerie van LNV": "minlnv.nl", "TU Delft": "tudelft.nl", "Wageningen University & Research": "wur.nl",
        "Eigen bureau": "gmail.com", "zzp": "hotmail.com", "Witteveen+Bos": "witteveenbos.nl",
        "Royal HaskoningDHV": "rhdhv.com",
    ]
    /// (discipline as typed, role as typed): typos, English, compounds, non-answers.
    static let disciplines: [(String, String)] = [
        ("Stedenbouwkundige", "Senior stedenbouwkundige"), ("stedebouwkundige", "Stedenbouwkundig ontwerper"),
        ("urban designer", "Urban designer"), ("Urban planner", "Planner"), ("architect", "Architect-directeur"),
        ("archtect", "Projectarchitect"), ("Architect BNA", "Partner"), ("Landschapsarchitect", "Landschapsarchitect"),
        ("landscape architect", "Landscape architect"), ("Beleidsadviseur", "Beleidsadviseur ruimte"),
        ("Beleids adviseur ruimtelijke ordening", "Beleidsmedewerker"), ("policy advisor", "Policy officer"),
        ("planoloog", "Planoloog"), ("Projectontwikkelaar", "Ontwikkelmanager"), ("developer", "Development manager"),
        ("ecoloog", "Ecoloog"), ("Ecologist", "Senior ecologist"), ("erfgoedspecialist", "Adviseur erfgoed"),
        ("Heritage specialist", "Heritage advisor"), ("kunstenaar", "Beeldend kunstenaar"), ("artist", "Artist"),
        ("Onderzoeker", "Senior onderzoeker"), ("researcher", "PhD candidate"), ("Energieadviseur", "Adviseur energietransitie"),
        ("energy consultant", "Consultant"), ("Wethouder", "Wethouder ruimtelijke ordening"), ("bestuurder", "Directeur-bestuurder"),
        ("Docent", "Docent stedenbouw"), ("student", "Masterstudent"), ("Jurist omgevingsrecht", "Jurist"),
        ("communicatieadviseur", "Adviseur participatie"), ("n.v.t.", ""), ("-", "Medewerker"), ("zie LinkedIn", ""),
        ("Programmamanager", "Programmamanager Omgevingswet"), ("Projectleider", "Projectleider gebiedsontwikkeling"),
        ("Verkeerskundige", "Mobiliteitsadviseur"), ("Gebiedsontwikkelaar", "Gebiedsregisseur"),
        ("Landschapsarchitekt", "Ontwerper"), ("Archeoloog", "Archeoloog"),
    ]
    static let mandateAnswers = [
        "Ja", "Nee", "Nee", "ja", "nee", "Ja, ik heb mandaat", "Yes", "no", "J", "N", "x", "", "Weet ik niet",
        "Nee, ik moet terugkoppelen", "ja (namens directie)",
    ]
    static let consentAnswers = ["Ja", "Ja", "Ja", "Nee", "Yes", "", "Ik ga akkoord", "nee"]
    static let englishVariants = [
        "leefbaarheid": "liveability", "energietransitie": "energy transition", "erfgoed": "heritage",
        "duurzaamheid": "sustainability", "samenwerking": "collaboration", "participatie": "participation",
        "kunst": "art", "landschap": "landscape", "groen": "green spaces", "draagvlak": "public support",
        "bereikbaarheid": "accessibility", "ruimtelijke kwaliteit": "spatial quality",
    ]
    static let freeTexts = [
        "Vooral interesse in de energietransitie en draagvlak", "Erfgoed en nieuwe woontypologieën",
        "nationale omgevingsvisie (NOVI)", "Hoe participatie en samenwerking beter kan", "liveability of new neighbourhoods",
        "kunst in de openbare ruimte, landschap", "energie transitie", "gebieds ontwikkeling en waardering van landschap",
        "Stadsranden en groen", "Alles!", "geen voorkeur", "zie mail", "Omgevingsplan, veranderende rollen van de overheid",
        "lange termijn denken en commitment", "RES en conceptueel bouwen",
    ]
}
