import Foundation
import WerksessiesModel
import Yams

/// Loads the session catalog (`Pipelines/sessions.yml`) and the taxonomy (`Pipelines/taxonomy.yml`).
public enum CatalogFiles {
    /// Reads the taxonomy: families, disciplines with synonyms, interest keywords with synonyms.
    public static func loadTaxonomy(path: String) throws -> Taxonomy {
        let file: TaxonomyFile = try decode(path: path)
        let taxonomy = Taxonomy(
            families: file.families.map { DisciplineFamily(id: $0.id, label: $0.label) },
            disciplines: file.disciplines.map {
                Discipline(id: $0.id, label: $0.label, family: $0.family, synonyms: $0.synonyms ?? [])
            },
            keywords: (file.keywords ?? []).map { Keyword(id: $0.id, label: $0.label, synonyms: $0.synonyms ?? []) },
            nonAnswers: file.non_answers ?? [])
        let familyIDs = Set(taxonomy.families.map(\.id))
        for discipline in taxonomy.disciplines where !familyIDs.contains(discipline.family) {
            throw ConfigurationError(file: path, message: "discipline '\(discipline.id)' names unknown family '\(discipline.family)'")
        }
        return taxonomy
    }

    /// Reads the catalog of sessions, with the family of every trekker organisation.
    public static func loadCatalog(path: String, taxonomy: Taxonomy? = nil) throws -> Catalog {
        let file: CatalogFile = try decode(path: path)
        var organisations: [String: CatalogFile.Organisation] = [:]
        for organisation in file.organisations {
            organisations[organisation.id] = organisation
        }
        func trekker(_ id: String, cooperation: Bool) throws -> Trekker {
            guard let organisation = organisations[id] else {
                throw ConfigurationError(file: path, message: "trekker '\(id)' is not listed under organisations")
            }
            return Trekker(
                id: organisation.id, name: organisation.name, abbreviation: organisation.abbreviation,
                family: organisation.family, inCooperation: cooperation)
        }
        var sessions: [Session] = []
        for entry in file.sessions {
            let trekkers = try entry.trekkers.map { try trekker($0, cooperation: false) }
                + (entry.ism ?? []).map { try trekker($0, cooperation: true) }
            let rules = try (entry.eligibility ?? []).map { rule -> EligibilityRule in
                guard let kind = EligibilityRule.Kind(rawValue: rule.rule) else {
                    throw ConfigurationError(
                        file: path, message: "session \(entry.id): unknown eligibility rule '\(rule.rule)'")
                }
                return EligibilityRule(kind: kind, values: rule.values ?? [], label: rule.label ?? rule.rule)
            }
            guard entry.capacity >= 0, (entry.minimum ?? 0) >= 0, (entry.minimum ?? 0) <= entry.capacity else {
                throw ConfigurationError(file: path, message: "session \(entry.id): capacity and minimum must satisfy 0 ≤ minimum ≤ capacity")
            }
            sessions.append(
                Session(
                    id: entry.id, title: entry.title, trekkers: trekkers, toelichting: entry.toelichting,
                    keywords: entry.steekwoorden.map { SessionKeyword(id: $0.id, label: $0.label) },
                    specialMoment: entry.special_moment, capacity: entry.capacity, minimum: entry.minimum ?? 0,
                    eligibility: rules))
        }
        if Set(sessions.map(\.id)).count != sessions.count {
            throw ConfigurationError(file: path, message: "session ids are not unique")
        }
        if let taxonomy {
            let families = Set(taxonomy.families.map(\.id))
            for organisation in file.organisations where !families.contains(organisation.family) {
                throw ConfigurationError(
                    file: path, message: "organisation '\(organisation.id)' names unknown family '\(organisation.family)'")
            }
            let keywords = Set(taxonomy.keywords.map(\.id))
            if !keywords.isEmpty {
                for session in sessions {
                    for keyword in session.keywords where !keywords.contains(keyword.id) {
                        throw ConfigurationError(
                            file: path,
                            message: "session \(session.id): keyword '\(keyword.id)' is not in the taxonomy")
                    }
                }
            }
        }
        return Catalog(event: file.event, sessions: sessions)
    }

    static func decode<T: Decodable>(path: String) throws -> T {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(.unreadable, file: path, message: "cannot read the file (\(error.localizedDescription))")
        }
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let error as DecodingError {
            throw ConfigurationError(.syntax, file: path, message: describe(error))
        } catch {
            throw ConfigurationError(.syntax, file: path, message: "invalid YAML: \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func where_(_ path: [CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at \(where_(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(where_(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }
}

// File schemas (snake_case keys as written in the YAML).
private struct TaxonomyFile: Decodable {
    struct Family: Decodable { var id: String; var label: String }
    struct Entry: Decodable { var id: String; var label: String; var family: String; var synonyms: [String]? }
    struct KeywordEntry: Decodable { var id: String; var label: String; var synonyms: [String]? }
    var families: [Family]
    var disciplines: [Entry]
    var keywords: [KeywordEntry]?
    var non_answers: [String]?
}

private struct CatalogFile: Decodable {
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
