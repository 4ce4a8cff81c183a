import Foundation
import Digest
import Ingest
import Reports
import WerksessiesModel

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

    /// Reads and checks a config file: unknown or duplicate keys and values out of range name the line.
    public static func load(path: String) throws(ConfigurationError) -> PipelineConfig {
        let document = try YAMLDocument.read(path: path, shape: .pipeline)
        let file = try document.decode(ConfigFile.self)
        let resolve = Self.resolver(base: URL(fileURLWithPath: path).deletingLastPathComponent())
        let catalogPath = resolve(file.catalog ?? "sessions.yml")
        let taxonomyPath = resolve(file.taxonomy ?? "taxonomy.yml")
        let outputPath = resolve(file.output ?? "../Reports")
        let sameFamily = try distance(file.metrics?.same_family_distance, in: document)
        return PipelineConfig(
            path: path,
            inputs: (file.inputs ?? []).map { InputSpec(path: resolve($0.path), sheet: $0.sheet) },
            catalogPath: catalogPath, taxonomyPath: taxonomyPath, outputPath: outputPath,
            statePath: resolve(file.state ?? (outputPath + "/state.sqlite")),
            correctionsPath: resolve(file.corrections ?? "corrections.csv"),
            keepRuns: try document.int(file.keep_runs, at: ["keep_runs"], in: 1...Limits.maxKeepRuns) ?? 14,
            ingest: IngestOptions(
                columnAliases: file.columns ?? [:], cancelledValues: file.status?.cancelled ?? [],
                confirmedValues: file.status?.confirmed ?? []),
            pins: file.pins ?? [], weights: try weights(file.weights, distance: sameFamily, in: document),
            sameFamilyDistance: sameFamily,
            reportOptions: try reportOptions(file.reports, partners: file.partners, in: document),
            maxShrinkPercent: try document.int(file.guards?.max_shrink_percent, at: ["guards", "max_shrink_percent"], in: 0...100) ?? 20,
            sha256: hash([path, catalogPath, taxonomyPath]))
    }

    /// Resolves paths against the config's folder; shown relative to the working directory where possible,
    /// so reports name "SampleData/registraties.xlsx", not a machine-specific absolute path.
    static func resolver(base: URL) -> (String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        return { relative in
            if relative.hasPrefix("/") { return relative }
            let absolute = base.appendingPathComponent(relative).standardizedFileURL.path
            return absolute.hasPrefix(cwd + "/") ? String(absolute.dropFirst(cwd.count + 1)) : absolute
        }
    }

    /// The objective's weights, each within its range (`Limits`: no arithmetic on them can overflow).
    static func weights(
        _ file: ConfigFile.WeightsFile?, distance: Double, in document: YAMLDocument
    ) throws(ConfigurationError) -> Weights {
        var weights = Weights()
        weights.distance = DisciplineDistance(sameFamily: distance)
        let at: [YAMLPathStep] = ["weights"]
        let range = 0...Limits.maxWeight
        weights.interest = try document.int(file?.interest, at: at + ["interest"], in: range) ?? weights.interest
        weights.interestDecayPercent =
            try document.int(file?.interest_decay_percent, at: at + ["interest_decay_percent"], in: 0...100)
            ?? weights.interestDecayPercent
        weights.challenge = try document.int(file?.challenge, at: at + ["challenge"], in: range) ?? weights.challenge
        weights.stability = try document.int(file?.stability, at: at + ["stability"], in: range) ?? weights.stability
        weights.waitlist = try document.int(file?.waitlist, at: at + ["waitlist"], in: 1...Limits.maxWeight) ?? weights.waitlist
        weights.diversity =
            try document.int(file?.diversity, at: at + ["diversity"], in: 0...Limits.maxDiversity) ?? weights.diversity
        for (key, value) in [("diversity_shares", file?.diversity_shares), ("diversity_steps", file?.diversity_steps)]
        where value != nil {
            throw document.error(
                at: at + [.key(key)],
                "weights.\(key) is replaced by one weight, weights.diversity (the board's Rao-Stirling)")
        }
        return weights
    }

    /// `metrics.same_family_distance`: a number within 0…1 (not NaN).
    static func distance(_ value: Double?, in document: YAMLDocument) throws(ConfigurationError) -> Double {
        guard let value else { return 0.5 }
        guard value.isFinite, (0...1).contains(value) else {
            throw document.error(
                at: ["metrics", "same_family_distance"], "metrics.same_family_distance must be within 0…1, not \(value)")
        }
        return value
    }

    /// `reports:`: the language, the CSV dialect, the small-cell threshold (at least 1), the workbooks' author
    /// and company and the partner cover's contact line (one line each); `partners:`:
    /// who is listed without consent and whether partners in cooperation (ism) get workbooks.
    static func reportOptions(
        _ file: ConfigFile.ReportsFile?, partners: ConfigFile.PartnersFile?, in document: YAMLDocument
    ) throws(ConfigurationError) -> ReportOptions {
        var options = ReportOptions()
        if let listing = partners?.without_consent {
            guard let value = ReportOptions.PartnerListing(rawValue: listing) else {
                throw document.error(
                    at: ["partners", "without_consent"],
                    "partners.without_consent must be aggregate or name_only, not '\(listing)'")
            }
            options.partnersWithoutConsent = value
        }
        options.partnersIncludeISM = partners?.include_ism ?? options.partnersIncludeISM
        if let language = file?.language {
            guard let value = ReportOptions.Language(rawValue: language) else {
                throw document.error(at: ["reports", "language"], "reports.language must be nl or en, not '\(language)'")
            }
            options.language = value
        }
        if let dialect = file?.csv_dialect {
            guard let value = ReportOptions.CSVDialect(rawValue: dialect) else {
                throw document.error(
                    at: ["reports", "csv_dialect"], "reports.csv_dialect must be standard or excel-nl, not '\(dialect)'")
            }
            options.csvDialect = value
        }
        options.smallCellThreshold =
            try document.int(file?.small_cell_threshold, at: ["reports", "small_cell_threshold"], in: 1...1_000_000)
            ?? options.smallCellThreshold
        options.author = try document.line(file?.author, at: ["reports", "author"])
        options.company = try document.line(file?.company, at: ["reports", "company"])
        options.contact = try document.line(file?.contact, at: ["reports", "contact"])
        return options
    }

    /// SHA-256 of the files' bytes together (a missing file counts as empty).
    static func hash(_ paths: [String]) -> String {
        var hashed = Data()
        for part in paths {
            hashed.append((try? Data(contentsOf: URL(fileURLWithPath: part))) ?? Data())
        }
        return SHA256.hex(of: hashed)
    }
}

extension YAMLDocument {
    /// `value` if it lies in `range`, nil if absent; otherwise an error naming the key and its line.
    func int(_ value: Int?, at steps: [YAMLPathStep], in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value else { return nil }
        guard range.contains(value) else {
            throw error(at: steps, "\(Self.name(steps)) must be within \(range.lowerBound)…\(range.upperBound), not \(value)")
        }
        return value
    }

    /// The longest text a report key takes (a document property holds 255 characters in Office).
    static let maxTextLength = 255

    /// A text of one line of at most `maxTextLength` characters, not blank (trimmed), nil if absent;
    /// otherwise an error naming the key and its line.
    func line(_ value: String?, at steps: [YAMLPathStep]) throws(ConfigurationError) -> String? {
        guard let value else { return nil }
        let name = Self.name(steps)
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw error(at: steps, "\(name) is empty: leave the key out or give a text") }
        guard !text.unicodeScalars.contains(where: { CharacterSet.newlines.contains($0) || CharacterSet.controlCharacters.contains($0) }) else {
            throw error(at: steps, "\(name) must be one line (no line breaks or control characters)")
        }
        guard text.count <= Self.maxTextLength else {
            throw error(at: steps, "\(name) must be at most \(Self.maxTextLength) characters, not \(text.count)")
        }
        return text
    }

    /// Every value of a list within `range`.
    func ints(_ values: [Int]?, at steps: [YAMLPathStep], in range: ClosedRange<Int>) throws(ConfigurationError) -> [Int]? {
        guard let values else { return nil }
        for (index, value) in values.enumerated() { _ = try int(value, at: steps + [.index(index)], in: range) }
        return values
    }

    /// `weights.interest`, `sessions[2].capacity`.
    static func name(_ steps: [YAMLPathStep]) -> String {
        steps.map { step in
            switch step {
            case .key(let key): "." + key
            case .index(let index): "[\(index)]"
            }
        }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}

struct ConfigFile: Decodable {
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
    struct ReportsFile: Decodable {
        var language: String?
        var csv_dialect: String?
        var small_cell_threshold: Int?
        var author: String?
        var company: String?
        var contact: String?
    }
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
