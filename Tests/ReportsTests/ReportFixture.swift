import Foundation
import WerksessiesModel

/// A hand-built run: three sessions, five organisations, 20 registrants.
enum ReportFixture {
    static let formulaName = "=HYPERLINK(\"http://evil.example\",\"klik\")"
    static let started = Date(timeIntervalSince1970: 1_717_200_000)  // 2024-06-01 00:00 UTC

    static let taxonomy = Taxonomy(
        families: [
            DisciplineFamily(id: "design", label: "Ontwerp"), DisciplineFamily(id: "policy", label: "Beleid"),
            DisciplineFamily(id: "nature", label: "Natuur"), DisciplineFamily(id: "energy", label: "Energie"),
        ],
        disciplines: [
            Discipline(id: "architect", label: "Architectuur", family: "design", synonyms: []),
            Discipline(id: "urbanism", label: "Stedenbouw", family: "design", synonyms: []),
            Discipline(id: "policy", label: "Beleidsadvies", family: "policy", synonyms: []),
            Discipline(id: "ecology", label: "Ecologie", family: "nature", synonyms: []),
            Discipline(id: "energy", label: "Energieadvies", family: "energy", synonyms: []),
        ],
        keywords: [])

    static let orgA = Trekker(id: "BNA", name: "Branchevereniging Nederlandse Architectenbureaus", abbreviation: "BNA", family: "design")
    static let orgB = Trekker(id: "PBL", name: "Planbureau voor de Leefomgeving", abbreviation: "PBL", family: "policy")
    static let orgC = Trekker(id: "Holland Solar", name: "Holland Solar", family: "energy")
    static let orgD = Trekker(id: "SBB", name: "Staatsbosbeheer", family: "nature", inCooperation: true)
    static let orgE = Trekker(id: "Ateliér/X", name: "Atelier X", family: "policy")

    static let catalog = Catalog(event: "Werksessies ruimtelijke kwaliteit", sessions: [
        Session(
            id: 1, title: "Ontwerpend onderzocht, en dan?", trekkers: [orgA, orgB],
            toelichting: "Ontwerpend onderzoek levert waardevolle vergezichten op.",
            keywords: [SessionKeyword(id: "ontwerp", label: "ontwerpend onderzoek"), SessionKeyword(id: "regio", label: "Regio van de toekomst"),
                       SessionKeyword(id: "oproep", label: "Open Oproep")],
            capacity: 8),
        Session(
            id: 2, title: "Woonwijken van de toekomst", trekkers: [orgB, orgD],
            toelichting: "De vraag naar nieuwe woningen is hoog.",
            keywords: [SessionKeyword(id: "groen", label: "groen"), SessionKeyword(id: "erfgoed", label: "erfgoed"),
                       SessionKeyword(id: "novi", label: "NOVI")],
            specialMoment: "Uitreiking Mooiwaarts Wisseltrofee", capacity: 8),
        Session(
            id: 3, title: "Nederland duurzaam mooier", trekkers: [orgC, orgE],
            toelichting: "De energietransitie wordt zichtbaar.",
            keywords: [SessionKeyword(id: "energie", label: "Energietransitie"), SessionKeyword(id: "novi", label: "NOVI"),
                       SessionKeyword(id: "zon", label: "zonneparken")],
            capacity: 6, eligibility: [EligibilityRule(kind: .requiresMandate, label: "Mandaat vereist")]),
    ])

    /// (name, discipline, interests, consent, session or nil, cancelled)
    static let people: [(String, String?, [String], Bool, Int?, Bool)] = [
        ("Anna de Vries", "architect", ["ontwerp", "groen"], true, 1, false),
        ("Bram Jansen", "urbanism", ["regio"], false, 1, false),
        ("Carla Smit", "policy", ["ontwerp"], true, 1, false),
        (formulaName, "ecology", ["oproep", "groen"], true, 1, false),
        ("Dirk Bakker", "energy", ["energie"], true, 1, false),
        ("Eva Visser", "architect", [], false, 1, false),
        ("Frank Mulder", "policy", ["groen", "novi"], true, 2, false),
        ("Greet de Boer", "ecology", ["erfgoed"], true, 2, false),
        ("Hans Dekker", nil, ["groen"], false, 2, false),
        ("Ilse Peters", "urbanism", ["novi"], true, 2, false),
        ("Jan Hendriks", "energy", ["groen"], true, 2, false),
        ("Karin van Dijk", "architect", ["energie"], true, 3, false),
        ("Lars Bos", "policy", ["energie", "novi"], false, 3, false),
        ("Marloes Vos", "ecology", ["energie"], true, 3, false),
        ("Niels Meijer", "energy", ["novi"], true, 3, false),
        ("Olga Kok", "energy", ["energie"], true, 3, false),
        ("Pieter Smits", "urbanism", ["regio"], true, nil, false),
        ("Quinten Maas", "policy", ["groen"], true, nil, true),
        ("Rosa Kuipers", "architect", ["erfgoed"], true, 1, false),
        ("-Sanne+ Post", "policy", ["oproep"], true, 1, false),
    ]

    static func email(_ index: Int) -> String { "persoon\(index)@example.org" }

    static func participants() -> [Participant] {
        people.enumerated().map { i, person in
            let key = email(i)
            let family = person.1.flatMap { taxonomy.family(ofDiscipline: $0) }
            return Participant(
                id: Participant.id(forEmailKey: key), email: key, emailKey: key, name: person.0,
                organisation: i % 3 == 0 ? "Gemeente Utrecht" : "Bureau \(i)", organisationKey: "org\(i % 3)",
                role: "Adviseur", discipline: person.1, family: family, interests: person.2.sorted(),
                gaveInterests: !person.2.isEmpty, mandate: i >= 11, consent: person.3, cancelled: person.5,
                source: SourceRef(file: "export.xlsx", sheet: "Blad1", row: i + 2))
        }
    }

    static func assignment(_ participants: [Participant]) -> Assignment {
        var placements: [Placement] = []
        for (i, p) in participants.enumerated() where !p.cancelled {
            let session = people[i].4
            let keywords = session.map { s in catalog.sessions[s - 1].keywordIDs }.map { Set($0) } ?? []
            let matched = p.interests.filter { keywords.contains($0) }
            let home = session.map { catalog.sessions[$0 - 1].homeFamilies } ?? []
            placements.append(Placement(
                participantID: p.id, session: session, matchedKeywords: matched,
                outsideComfortZone: session != nil && !(p.family.map(home.contains) ?? false), score: 100,
                rank: session == nil ? nil : (i % 4 == 0 ? 2 : 1), reason: session == nil ? .waitlisted : .bestFit,
                explanation: session == nil ? "Geen plek vrij" : "Past bij \(matched.joined(separator: ", "))"))
        }
        return Assignment(placements: placements, objective: 1234)
    }

    static func metrics(_ participants: [Participant], _ assignment: Assignment) -> RunMetrics {
        let placements = assignment.placementsByID()
        let sessions = catalog.sessions.map { session -> SessionMetrics in
            let members = participants.filter { placements[$0.id]?.session == session.id }
            var families: [String: Int] = [:]
            for m in members { if let f = m.family { families[f, default: 0] += 1 } }
            let depth = session.keywords.map { k in
                KeywordDepth(keyword: k.id, label: k.label, interestedParticipants: members.filter { $0.interests.contains(k.id) }.count)
            }
            let covered = depth.filter { $0.interestedParticipants > 0 }.count
            return SessionMetrics(
                session: session.id, title: session.title, capacity: session.capacity, participants: members.count,
                disciplines: Set(members.compactMap(\.discipline)).count, unknownDiscipline: members.filter { $0.discipline == nil }.count,
                shannon: 1.0 + Double(session.id) / 10, evenness: 0.8, giniSimpson: 0.6, inverseSimpson: 2.5,
                raoStirling: 0.45 + Double(session.id) / 100, raoStirlingEffective: 1.8, maxFamilyShare: 0.4, organisations: 3,
                maxOrganisationShare: 0.5, keywordCoverage: Double(covered) / Double(session.keywords.count),
                meanMatchedKeywords: 0.75, shareWithMatch: 2.0 / 3.0, outsideComfortZoneShare: 0.5,
                familyCounts: families, keywordDepth: depth)
        }
        let quality = [
            QualityFigures(group: "all", participants: 19, assigned: 18, waitlisted: 1, shareWithMatch: 0.8,
                           meanMatchedKeywords: 0.9, outsideComfortZoneShare: 0.5, rankProfile: [13, 5], worstRank: 2),
            QualityFigures(group: "design", participants: 8, assigned: 7, waitlisted: 1, shareWithMatch: 0.7,
                           meanMatchedKeywords: 0.8, outsideComfortZoneShare: 0.4, rankProfile: [5, 2], worstRank: 2),
            QualityFigures(group: "policy", participants: 5, assigned: 5, waitlisted: 0, shareWithMatch: 0.9,
                           meanMatchedKeywords: 1.0, outsideComfortZoneShare: 0.6, rankProfile: [4, 1], worstRank: 2),
            QualityFigures(group: "nature", participants: 3, assigned: 3, waitlisted: 0, shareWithMatch: 1,
                           meanMatchedKeywords: 1.0, outsideComfortZoneShare: 1, rankProfile: [2, 1], worstRank: 2),
            QualityFigures(group: "energy", participants: 3, assigned: 3, waitlisted: 0, shareWithMatch: 1,
                           meanMatchedKeywords: 1.0, outsideComfortZoneShare: 0.3, rankProfile: [2, 1], worstRank: 2),
        ]
        return RunMetrics(sessions: sessions, quality: quality)
    }

    static func bundle(options: ReportOptions = ReportOptions(), history: [RunSummary]? = nil) -> ReportBundle {
        let participants = participants()
        let assignment = assignment(participants)
        let manifest = RunManifest(
            runID: "20240601-020000", startedAt: started,
            inputs: [InputFileSummary(path: "export.xlsx", sheet: "Blad1", rows: 23, sha256: "abc")], configSHA256: "def",
            counts: RunCounts(rowsRead: 23, rejected: 2, duplicatesMerged: 1, registrants: 20, cancelled: 1, assigned: 18, waitlisted: 1),
            objective: 1234, stageSeconds: [:], versions: [:])
        let diagnostics = [
            Diagnostic(file: "export.xlsx", sheet: "Blad1", row: 7, column: "E-mailadres", severity: .error, code: "invalid_email",
                       message: "Geen geldig e-mailadres", value: "=cmd|' /C calc'!A0"),
            Diagnostic(file: "export.xlsx", sheet: "Blad1", row: 9, column: "E-mailadres", severity: .error, code: "invalid_email",
                       message: "Geen geldig e-mailadres", value: "jan@"),
            Diagnostic(file: "export.xlsx", sheet: "Blad1", row: 11, column: "Discipline", severity: .warning,
                       code: "unmapped_discipline", message: "Onbekende discipline; bedoelde u \"Ecologie\"?", value: "ekologie"),
        ]
        let ps = participants
        let changes = [
            Change(participantID: ps[0].id, email: ps[0].email, kind: .new, fromSession: nil, toSession: 1),
            Change(participantID: ps[6].id, email: ps[6].email, kind: .moved, fromSession: 1, toSession: 2, reason: "capaciteit"),
            Change(participantID: ps[17].id, email: ps[17].email, kind: .cancelled, fromSession: 2, toSession: nil),
        ]
        let runs = history ?? [
            RunSummary(runID: "20240530-020000", startedAt: started.addingTimeInterval(-2 * 86_400), registrants: 12, assigned: 12,
                       waitlisted: 0, meanShannon: 1.05, objective: 900,
                       board: BoardTrendRow(registrants: .value(12), assigned: .value(12), waitlisted: .value(0), meanShannon: .value(1.05))),
            RunSummary(runID: "20240531-020000", startedAt: started.addingTimeInterval(-86_400), registrants: 17, assigned: 16,
                       waitlisted: 1, meanShannon: 1.12, objective: 1100,
                       board: BoardTrendRow(registrants: .value(17), assigned: .value(16), waitlisted: .value(1), meanShannon: .value(1.12))),
        ]
        return ReportBundle(
            catalog: catalog, taxonomy: taxonomy, participants: participants, assignment: assignment,
            metrics: metrics(participants, assignment), diagnostics: diagnostics, changes: changes, manifest: manifest,
            history: runs, options: options)
    }

    /// A bundle of `count` synthetic participants over eight sessions (for timing).
    static func large(count: Int) -> ReportBundle {
        let families = ["design", "policy", "nature", "energy"]
        let disciplines = ["architect", "urbanism", "policy", "ecology", "energy"]
        var orgs: [Trekker] = []
        for i in 0..<23 { orgs.append(Trekker(id: "ORG\(i)", name: "Organisatie \(i)", family: families[i % 4])) }
        let sessions = (1...8).map { s in
            Session(
                id: s, title: "Werksessie \(s)", trekkers: (0..<[4, 5, 3, 3, 3, 2, 4, 2][s - 1]).map { orgs[(s * 3 + $0) % 23] },
                toelichting: "Toelichting \(s)", keywords: (0..<9).map { SessionKeyword(id: "k\(s)-\($0)", label: "steekwoord \(s)-\($0)") },
                capacity: count / 7)
        }
        let catalog = Catalog(event: "Benchmark", sessions: sessions)
        var participants: [Participant] = []
        var placements: [Placement] = []
        participants.reserveCapacity(count)
        for i in 0..<count {
            let key = "deelnemer\(i)@example.org"
            let s = i % 8 + 1
            let d = disciplines[i % 5]
            let interests = ["k\(s)-\(i % 9)", "k\((s % 8) + 1)-\(i % 7)"]
            let p = Participant(
                id: Participant.id(forEmailKey: key), email: key, emailKey: key, name: "Deelnemer \(i) Achternaam",
                organisation: "Organisatie \(i % 997)", organisationKey: "org\(i % 997)", role: "Adviseur ruimtelijke ordening",
                discipline: d, family: taxonomy.family(ofDiscipline: d), interests: interests, gaveInterests: true,
                mandate: i % 2 == 0, consent: i % 3 != 0, cancelled: i % 50 == 0,
                source: SourceRef(file: "big.csv", row: i + 2))
            participants.append(p)
            if !p.cancelled {
                placements.append(Placement(
                    participantID: p.id, session: i % 40 == 1 ? nil : s, matchedKeywords: [interests[0]], outsideComfortZone: i % 2 == 0,
                    score: 150, rank: 1, reason: .bestFit, explanation: "Past bij uw interesse in \(interests[0]); buiten uw comfortzone"))
            }
        }
        let assignment = Assignment(placements: placements, objective: 42)
        let metrics = RunMetrics(sessions: sessions.map { session in
            SessionMetrics(
                session: session.id, title: session.title, capacity: session.capacity, participants: count / 8, disciplines: 5,
                unknownDiscipline: 0, shannon: 1.2 + Double(session.id % 4) / 10, evenness: 0.7 + Double(session.id % 3) / 10,
                giniSimpson: 0.6 + Double(session.id % 5) / 20, inverseSimpson: 5, raoStirling: 0.4 + Double(session.id % 4) / 15,
                raoStirlingEffective: 3.3, maxFamilyShare: 0.3 + Double(session.id % 3) / 10, organisations: 997,
                maxOrganisationShare: 0.01, keywordCoverage: session.id % 3 == 0 ? 8.0 / 9.0 : 1,
                meanMatchedKeywords: 1, shareWithMatch: 1, outsideComfortZoneShare: 0.5,
                familyCounts: ["design": count / (16 + session.id), "policy": count / (40 - 2 * session.id), "nature": session.id == 2 ? 3 : count / 40,
                               "energy": count / (24 + 3 * session.id)],
                keywordDepth: session.keywords.enumerated().map { k, keyword in
                    KeywordDepth(keyword: keyword.id, label: keyword.label, interestedParticipants: k == 8 && session.id % 3 == 0 ? 0 : count / (40 + 7 * k))
                })
        }, quality: [])
        let manifest = RunManifest(
            runID: "bench", startedAt: started, inputs: [], configSHA256: "", counts: RunCounts(registrants: count), objective: 42,
            stageSeconds: [:], versions: [:])
        return ReportBundle(
            catalog: catalog, taxonomy: taxonomy, participants: participants, assignment: assignment, metrics: metrics,
            diagnostics: [], changes: [], manifest: manifest, history: [], options: ReportOptions())
    }
}

/// A small RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF).
func parseCSV(_ text: String, delimiter: Character = ",") -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if i + 1 < chars.count && chars[i + 1] == "\"" {
                    field.append("\"")
                    i += 1
                } else {
                    quoted = false
                }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == delimiter {
            row.append(field)
            field = ""
        } else if c == "\r\n" || c == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.append(c)
        }
        i += 1
    }
    if !field.isEmpty || !row.isEmpty {
        row.append(field)
        rows.append(row)
    }
    return rows
}
