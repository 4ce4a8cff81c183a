import Foundation
import Normalise
import Configuration
import WerksessiesModel

/// The package's taxonomy and catalog, loaded once through the Configuration loader.
enum Fixtures {
    /// The package root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        return FileManager.default.currentDirectoryPath
    }()

    static let taxonomy: Taxonomy = {
        do {
            return try CatalogFiles.loadTaxonomy(path: root + "/Pipelines/taxonomy.yml")
        } catch {
            fatalError("cannot load taxonomy: \(error)")
        }
    }()

    static let catalog: Catalog = {
        do {
            return try CatalogFiles.loadCatalog(path: root + "/Pipelines/sessions.yml", taxonomy: taxonomy)
        } catch {
            fatalError("cannot load catalog: \(error)")
        }
    }()

    static let normaliser = Normaliser(taxonomy: taxonomy, catalog: catalog)
}
