import Foundation
import WerksessiesModel

/// Loads the session catalog (`Pipelines/sessions.yml`) and the taxonomy (`Pipelines/taxonomy.yml`).
public enum CatalogFiles {
    /// Reads the taxonomy: families, disciplines with synonyms, interest keywords with synonyms.
    public static func loadTaxonomy(path: String) throws(ConfigurationError) -> Taxonomy {
        let document = try YAMLDocument.read(path: path, shape: .taxonomy)
        let file = try document.decode(TaxonomyFile.self)
        try unique(file.families.map(\.id), "family", list: "families", in: document)
        try unique(file.disciplines.map(\.id), "discipline", list: "disciplines", in: document)
        try unique((file.keywords ?? []).map(\.id), "keyword", list: "keywords", in: document)
        let familyIDs = Set(file.families.map(\.id))
        for (index, discipline) in file.disciplines.enumerated() where !familyIDs.contains(discipline.family) {
            throw document.error(
                at: ["disciplines", .index(index), "family"],
                "discipline '\(discipline.id)' names unknown family '\(discipline.family)'")
        }
        return Taxonomy(
            families: file.families.map { DisciplineFamily(id: $0.id, label: $0.label) },
            disciplines: file.disciplines.map {
                Discipline(id: $0.id, label: $0.label, family: $0.family, synonyms: $0.synonyms ?? [])
            },
            keywords: (file.keywords ?? []).map { Keyword(id: $0.id, label: $0.label, synonyms: $0.synonyms ?? []) },
            nonAnswers: file.non_answers ?? [])
    }

    /// Reads the catalog of sessions, with the family of every trekker organisation.
    public static func loadCatalog(path: String, taxonomy: Taxonomy? = nil) throws(ConfigurationError) -> Catalog {
        let document = try YAMLDocument.read(path: path, shape: .catalog)
        let file = try document.decode(CatalogFile.self)
        try checkCounts(file, in: document)
        try unique(file.organisations.map(\.id), "organisation", list: "organisations", in: document)
        try unique(file.sessions.map { String($0.id) }, "session", list: "sessions", in: document)
        let organisations = Dictionary(file.organisations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var sessions: [Session] = []
        for (index, entry) in file.sessions.enumerated() {
            sessions.append(try session(entry, at: index, organisations: organisations, in: document))
        }
        if let taxonomy { try check(file, sessions: sessions, against: taxonomy, in: document) }
        return Catalog(event: file.event, sessions: sessions)
    }

    /// At least one session, at most `Limits.maxSessions`, at most `Limits.maxKeywords` keywords in all.
    static func checkCounts(_ file: CatalogFile, in document: YAMLDocument) throws(ConfigurationError) {
        guard !file.sessions.isEmpty else { throw document.error(at: ["sessions"], "the catalog has no sessions") }
        guard file.sessions.count <= Limits.maxSessions else {
            throw document.error(at: ["sessions"], "\(file.sessions.count) sessions; at most \(Limits.maxSessions)")
        }
        let keywords = file.sessions.reduce(0) { $0 + $1.steekwoorden.count }
        guard keywords <= Limits.maxKeywords else {
            throw document.error(at: ["sessions"], "\(keywords) steekwoorden in all; at most \(Limits.maxKeywords)")
        }
    }

    /// One session of the catalog, its numbers range-checked and its trekkers and rules resolved.
    static func session(
        _ entry: CatalogFile.Entry, at index: Int, organisations: [String: CatalogFile.Organisation],
        in document: YAMLDocument
    ) throws(ConfigurationError) -> Session {
        let at: [YAMLPathStep] = ["sessions", .index(index)]
        guard entry.id >= 1 else { throw document.error(at: at + ["id"], "session id \(entry.id) must be 1 or more") }
        guard (0...Limits.maxCapacity).contains(entry.capacity) else {
            throw document.error(
                at: at + ["capacity"], "session \(entry.id): capacity \(entry.capacity) is outside 0…\(Limits.maxCapacity)")
        }
        let minimum = entry.minimum ?? 0
        guard (0...entry.capacity).contains(minimum) else {
            throw document.error(
                at: at + ["minimum"], "session \(entry.id): minimum \(minimum) is outside 0…capacity (\(entry.capacity))")
        }
        return Session(
            id: entry.id, title: entry.title,
            trekkers: try trekkers(of: entry, at: at, organisations: organisations, in: document),
            toelichting: entry.toelichting, keywords: entry.steekwoorden.map { SessionKeyword(id: $0.id, label: $0.label) },
            specialMoment: entry.special_moment, capacity: entry.capacity, minimum: minimum,
            eligibility: try rules(of: entry, at: at, in: document))
    }

    /// The session's trekkers, then its partners in cooperation (`ism`), each a listed organisation.
    static func trekkers(
        of entry: CatalogFile.Entry, at: [YAMLPathStep], organisations: [String: CatalogFile.Organisation],
        in document: YAMLDocument
    ) throws(ConfigurationError) -> [Trekker] {
        var trekkers: [Trekker] = []
        for (list, ids, cooperation) in [("trekkers", entry.trekkers, false), ("ism", entry.ism ?? [], true)] {
            for (position, id) in ids.enumerated() {
                guard let organisation = organisations[id] else {
                    throw document.error(
                        at: at + [.key(list), .index(position)],
                        "session \(entry.id): trekker '\(id)' is not listed under organisations")
                }
                trekkers.append(
                    Trekker(
                        id: organisation.id, name: organisation.name, abbreviation: organisation.abbreviation,
                        family: organisation.family, inCooperation: cooperation))
            }
        }
        return trekkers
    }

    /// The session's eligibility rules, each of a known kind.
    static func rules(of entry: CatalogFile.Entry, at: [YAMLPathStep], in document: YAMLDocument) throws(ConfigurationError) -> [EligibilityRule] {
        var rules: [EligibilityRule] = []
        for (position, rule) in (entry.eligibility ?? []).enumerated() {
            guard let kind = EligibilityRule.Kind(rawValue: rule.rule) else {
                let known = EligibilityRule.Kind.allCases.map(\.rawValue)
                let hint = NearestKey.to(rule.rule, among: known).map { "; did you mean '\($0)'?" } ?? ""
                throw document.error(
                    at: at + ["eligibility", .index(position), "rule"],
                    "session \(entry.id): unknown eligibility rule '\(rule.rule)'\(hint)")
            }
            rules.append(EligibilityRule(kind: kind, values: rule.values ?? [], label: rule.label ?? rule.rule))
        }
        return rules
    }

    /// Organisation families and session keywords are the taxonomy's.
    static func check(
        _ file: CatalogFile, sessions: [Session], against taxonomy: Taxonomy, in document: YAMLDocument
    ) throws(ConfigurationError) {
        let families = Set(taxonomy.families.map(\.id))
        for (index, organisation) in file.organisations.enumerated() where !families.contains(organisation.family) {
            throw document.error(
                at: ["organisations", .index(index), "family"],
                "organisation '\(organisation.id)' names unknown family '\(organisation.family)'")
        }
        let keywords = Set(taxonomy.keywords.map(\.id))
        guard !keywords.isEmpty else { return }
        for (index, session) in sessions.enumerated() {
            for (position, keyword) in session.keywords.enumerated() where !keywords.contains(keyword.id) {
                throw document.error(
                    at: ["sessions", .index(index), "steekwoorden", .index(position)],
                    "session \(session.id): keyword '\(keyword.id)' is not in the taxonomy")
            }
        }
    }

    /// Refuses an id given twice in `list`, naming the line of the second.
    static func unique(_ ids: [String], _ what: String, list: String, in document: YAMLDocument) throws(ConfigurationError) {
        var seen = Set<String>()
        for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
            throw document.error(at: [.key(list), .index(index)], "\(what) '\(id)' is given twice")
        }
    }
}

// File schemas (snake_case keys as written in the YAML; `YAMLShape` lists the same keys).
struct TaxonomyFile: Decodable {
    struct Family: Decodable { var id: String; var label: String }
    struct Entry: Decodable { var id: String; var label: String; var family: String; var synonyms: [String]? }
    struct KeywordEntry: Decodable { var id: String; var label: String; var synonyms: [String]? }
    var families: [Family]
    var disciplines: [Entry]
    var keywords: [KeywordEntry]?
    var non_answers: [String]?
}

struct CatalogFile: Decodable {
    struct Organisation: Decodable {
        var id: String
        var name: String
        var abbreviation: String?
        var family: String
    }
    struct Rule: Decodable { var rule: String; var values: [String]?; var label: String? }
    struct Keyword: Decodable { var id: String; var label: String }
    struct Entry: Decodable {
        var id: Int
        var title: String
        var capacity: Int
        var minimum: Int?
        var trekkers: [String]
        var ism: [String]?
        var toelichting: String
        var special_moment: String?
        var eligibility: [Rule]?
        var steekwoorden: [Keyword]
    }
    var event: String
    var organisations: [Organisation]
    var sessions: [Entry]
}
