import Foundation
import Digest
import Ingest
import WerksessiesModel
import Yams

/// The pipeline configuration (`Pipelines/nightly.yml`), with paths resolved against the config's folder.
public struct PipelineConfig: Sendable {
    public var path: String
    public var inputs: [InputSpec]
    public var catalogPath: String
    public var taxonomyPath: String
    public var outputPath: String
    public var statePath: String
    /// The analysts' corrections (`corrections:`, default `corrections.csv` beside the config); may be absent.
    public var correctionsPath: String
    public var keepRuns: Int
    public var ingest: IngestOptions
    public var pins: [String]
    public var weights: Weights
    public var sameFamilyDistance: Double
    public var reportOptions: ReportOptions
    public var maxShrinkPercent: Int
    /// SHA-256 of the config, catalog and taxonomy bytes together.
    public var sha256: String

    /// Reads and checks a config file.
    public static func load(path: String) throws -> PipelineConfig {
        let file: ConfigFile = try CatalogFiles.decode(path: path)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        // Paths are shown relative to the working directory where possible, so reports name
        // "SampleData/registraties.xlsx", not a machine-specific absolute path.
        let cwd = FileManager.default.currentDirectoryPath
        func resolve(_ relative: String) -> String {
            if relative.hasPrefix("/") { return relative }
            let absolute = base.appendingPathComponent(relative).standardizedFileURL.path
            return absolute.hasPrefix(cwd + "/") ? String(absolute.dropFirst(cwd.count + 1)) : absolute
        }
        var weights = Weights()
        if let w = file.weights {
            weights.interest = w.interest ?? weights.interest
            weights.interestDecayPercent = w.interest_decay_percent ?? weights.interestDecayPercent
            weights.challenge = w.challenge ?? weights.challenge
            weights.diversity = w.diversity ?? weights.diversity
            weights.stability = w.stability ?? weights.stability
            weights.waitlist = w.waitlist ?? weights.waitlist
        }
        if file.weights?.diversity_shares != nil || file.weights?.diversity_steps != nil {
            throw ConfigurationError(
                file: path,
                message: "weights.diversity_shares and weights.diversity_steps are replaced by one weight, weights.diversity (the board's Rao-Stirling)")
        }
        weights.distance = DisciplineDistance(sameFamily: file.metrics?.same_family_distance ?? 0.5)
        guard weights.waitlist > 0, weights.interest >= 0, weights.challenge >= 0, weights.stability >= 0,
            (0...100).contains(weights.interestDecayPercent), (0...100_000).contains(weights.diversity)
        else {
            throw ConfigurationError(file: path, message: "weights must be non-negative integers (percentages within 0…100, diversity at most 100000)")
        }
        var options = ReportOptions()
        if let r = file.reports {
            if let language = r.language {
                guard let value = ReportOptions.Language(rawValue: language) else {
                    throw ConfigurationError(file: path, message: "reports.language must be nl or en, not '\(language)'")
                }
                options.language = value
            }
            if let dialect = r.csv_dialect {
                guard let value = ReportOptions.CSVDialect(rawValue: dialect) else {
                    throw ConfigurationError(
                        file: path, message: "reports.csv_dialect must be standard or excel-nl, not '\(dialect)'")
                }
                options.csvDialect = value
            }
            options.smallCellThreshold = r.small_cell_threshold ?? options.smallCellThreshold
            guard options.smallCellThreshold >= 1 else {
                throw ConfigurationError(file: path, message: "reports.small_cell_threshold must be at least 1, not \(options.smallCellThreshold)")
            }
        }
        if let p = file.partners {
            if let listing = p.without_consent {
                guard let value = ReportOptions.PartnerListing(rawValue: listing) else {
                    throw ConfigurationError(file: path, message: "partners.without_consent must be aggregate or name_only, not '\(listing)'")
                }
                options.partnersWithoutConsent = value
            }
            options.partnersIncludeISM = p.include_ism ?? options.partnersIncludeISM
        }
        let catalogPath = resolve(file.catalog ?? "sessions.yml")
        let taxonomyPath = resolve(file.taxonomy ?? "taxonomy.yml")
        var hashed = Data()
        for part in [path, catalogPath, taxonomyPath] {
            hashed.append((try? Data(contentsOf: URL(fileURLWithPath: part))) ?? Data())
        }
        let outputPath = resolve(file.output ?? "../Reports")
        return PipelineConfig(
            path: path,
            inputs: (file.inputs ?? []).map { InputSpec(path: resolve($0.path), sheet: $0.sheet) },
            catalogPath: catalogPath, taxonomyPath: taxonomyPath, outputPath: outputPath,
            statePath: resolve(file.state ?? (outputPath + "/state.sqlite")),
            correctionsPath: resolve(file.corrections ?? "corrections.csv"), keepRuns: max(1, file.keep_runs ?? 14),
            ingest: IngestOptions(
                columnAliases: file.columns ?? [:], cancelledValues: file.status?.cancelled ?? [],
                confirmedValues: file.status?.confirmed ?? []),
            pins: file.pins ?? [], weights: weights, sameFamilyDistance: weights.distance.sameFamily,
            reportOptions: options, maxShrinkPercent: file.guards?.max_shrink_percent ?? 20,
            sha256: SHA256.hex(of: hashed))
    }
}

private struct ConfigFile: Decodable {
    struct Input: Decodable {
        var path: String
        var sheet: String?

        init(from decoder: Decoder) throws {
            if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
                path = text
                sheet = nil
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            path = try container.decode(String.self, forKey: .path)
            sheet = try container.decodeIfPresent(String.self, forKey: .sheet)
        }

        enum CodingKeys: String, CodingKey { case path, sheet }
    }
    struct Status: Decodable { var cancelled: [String]?; var confirmed: [String]? }
    struct WeightsFile: Decodable {
        var interest: Int?
        var interest_decay_percent: Int?
        var challenge: Int?
        var diversity: Int?
        var diversity_shares: [Int]?
        var diversity_steps: [Int]?
        var stability: Int?
        var waitlist: Int?
    }
    struct MetricsFile: Decodable { var same_family_distance: Double? }
    struct ReportsFile: Decodable { var language: String?; var csv_dialect: String?; var small_cell_threshold: Int? }
    struct Guards: Decodable { var max_shrink_percent: Int? }
    struct PartnersFile: Decodable { var without_consent: String?; var include_ism: Bool? }
    var inputs: [Input]?
    var catalog: String?
    var taxonomy: String?
    var output: String?
    var state: String?
    var corrections: String?
    var keep_runs: Int?
    var columns: [String: [String]]?
    var status: Status?
    var pins: [String]?
    var weights: WeightsFile?
    var metrics: MetricsFile?
    var reports: ReportsFile?
    var guards: Guards?
    var partners: PartnersFile?
}
