import Configuration
import WerksessiesModel

extension BoardReading {
    /// Learns what every reader knows from the public catalog and taxonomy of `config`: the sessions' home families
    /// (by label), the families' labels, each discipline's family and the same-family distance.
    mutating func learnCatalog(of config: PipelineConfig) throws {
        let taxonomy = try CatalogFiles.loadTaxonomy(path: config.taxonomyPath)
        let catalog = try CatalogFiles.loadCatalog(path: config.catalogPath, taxonomy: taxonomy)
        let label = Dictionary(taxonomy.families.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        homeFamilies = Dictionary(catalog.sessions.map { ("Sessie \($0.id)", Set($0.homeFamilies.map { label[$0] ?? $0 })) },
                                  uniquingKeysWith: { a, _ in a })
        familyLabels = label
        disciplineFamilies = Dictionary(taxonomy.disciplines.map { ($0.id, $0.family) }, uniquingKeysWith: { a, _ in a })
        sameFamilyDistance = config.sameFamilyDistance
    }
}
