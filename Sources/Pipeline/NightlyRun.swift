import Assign
import Foundation
import Ingest
import Logging
import Metrics
import Normalise
import Reports
import State
import WerksessiesModel

/// How session capacities are scaled for a run.
public enum CapacityScale: Sendable, Equatable {
    /// As in the catalog.
    case none
    /// All seats together are 110% of the active registrants.
    case auto
    /// Every capacity multiplied by a factor.
    case factor(Double)

    /// Parses `auto` or a positive number.
    public init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let value = Double(argument), value > 0, value.isFinite {
            self = .factor(value)
        } else {
            return nil
        }
    }
}

/// Command-line overrides and options of one run.
public struct RunOptions: Sendable {
    public var inputs: [String]?
    public var output: String?
    public var state: String?
    public var exportLP: String?
    public var capacityScale: CapacityScale
    public var allowShrink: Bool
    /// The run's clock reading (an edge value: tests pass a fixed date).
    public var now: Date
    /// Leave the run's data in memory when `run()` returns, for a process that exits right after: freeing a
    /// million participants one object at a time only delays the exit (the operating system frees it all).
    public var keepDataAtExit = false

    public init(
        inputs: [String]? = nil, output: String? = nil, state: String? = nil, exportLP: String? = nil,
        capacityScale: CapacityScale = .none, allowShrink: Bool = false, now: Date = Date()
    ) {
        self.inputs = inputs
        self.output = output
        self.state = state
        self.exportLP = exportLP
        self.capacityScale = capacityScale
        self.allowShrink = allowShrink
        self.now = now
    }
}

/// What a published run produced.
public struct RunOutcome: Sendable {
    public var runID: String
    public var runFolder: String
    public var manifest: RunManifest
    public var files: [String]
}

/// The night's registrants, ready to be assigned (and recorded: they no longer change).
struct Prepared: Sendable {
    var participants: [Participant]
    var diagnostics: [Diagnostic]
    var catalog: Catalog
    var newPins: [String: Int]
    /// Registrants of earlier runs missing tonight, kept as last seen.
    var disappeared: Set<String>
}

/// Everything computed between the edges: the pure middle of the pipeline.
struct Computed: Sendable {
    var participants: [Participant]
    var diagnostics: [Diagnostic]
    var catalog: Catalog
    var assignment: Assignment
    var metrics: RunMetrics
    var changes: [Change]
    var counts: RunCounts
    var newPins: [String: Int]
    var problem: AssignmentProblem
}

/// The nightly pipeline: Ingest → Normalise → Assign → Metrics → Reports → Publish, with State around it.
public struct NightlyRun: Sendable {
    public var config: PipelineConfig
    public var options: RunOptions
    public var logger: Logger

    public init(config: PipelineConfig, options: RunOptions, logger: Logger) {
        self.config = config
        self.options = options
        self.logger = logger
    }

    var outputPath: String { options.output ?? config.outputPath }
    var statePath: String { options.state ?? config.statePath }
    var inputs: [InputSpec] { options.inputs.map { $0.map { InputSpec(path: $0) } } ?? config.inputs }

    /// Runs the pipeline and publishes a complete set of reports, or throws and changes nothing published.
    public func run() throws -> RunOutcome {
        var timings = StageTimer()
        let (taxonomy, catalog) = try loadVocabulary()
        try FileManager.default.createDirectory(atPath: outputPath, withIntermediateDirectories: true)
        let lock = try RunLock(path: outputPath + "/.lock")
        defer { _ = lock }

        let store: StateStore
        let snapshot: StateSnapshot
        do {
            store = try StateStore(path: statePath)
            snapshot = try store.snapshot()
            store.checkpointInBackground()
        } catch {
            throw PipelineError(.publish, "\(error)")
        }

        var (ingest, normalised) = try readAndNormalise(taxonomy: taxonomy, catalog: catalog, timings: &timings)

        let runID = Self.runID(for: options.now, output: outputPath)
        var pendingState: PendingRecord?
        // Whatever fails from here on, the state transaction is rolled back (this does nothing after the commit).
        defer { pendingState?.cancel() }
        let computed = try timings.measure("assign") {
            let prepared = try Self.prepare(
                ingest: ingest, normalised: normalised, catalog: catalog, snapshot: snapshot, config: config,
                options: options)
            // The state is written on its own thread while the assignment, metrics and reports are computed
            // (the registrants first: they are final now), in a transaction that commits only after the
            // publish (below); any failure before that rolls it back.
            pendingState = store.beginRecord(runID: runID, participants: prepared.participants, basis: snapshot)
            return try Self.solve(prepared, ingest: ingest, snapshot: snapshot, weights: config.weights)
        }
        pendingState?.supply(
            RunDecision(
                summary: RunSummary(
                    runID: runID, startedAt: options.now, registrants: computed.counts.registrants,
                    assigned: computed.counts.assigned, waitlisted: computed.counts.waitlisted, meanShannon: 0,
                    objective: computed.assignment.objective),
                placements: computed.assignment.placements, newPins: computed.newPins))
        // From here on only the participants matter: the raw registrations and the normaliser's copies
        // go (at a million registrants they are hundreds of MB that the report writers can use).
        ingest.registrations = []
        normalised = NormaliseResult(participants: [], diagnostics: [])
        logger.info(
            "assign: \(computed.counts.assigned) assigned, \(computed.counts.waitlisted) waitlisted, objective \(computed.assignment.objective)",
            metadata: ["seconds": "\(timings.last)"])
        let metrics = timings.measure("metrics") {
            MetricsCalculator.compute(
                catalog: computed.catalog, participants: computed.participants, assignment: computed.assignment,
                sameFamilyDistance: config.sameFamilyDistance)
        }
        logger.info("metrics: \(metrics.sessions.count) sessions", metadata: ["seconds": "\(timings.last)"])

        let staging = try Publisher.makeStaging(output: outputPath, runID: runID)
        var published = false
        defer {
            if !published { try? FileManager.default.removeItem(at: staging) }
        }
        var manifest = RunManifest(
            runID: runID, startedAt: options.now, inputs: ingest.files, configSHA256: config.sha256,
            counts: computed.counts, objective: computed.assignment.objective, stageSeconds: [:],
            versions: ["werksessies": Version.current, "schema": "1"])
        let bundle = ReportBundle(
            catalog: computed.catalog, taxonomy: taxonomy, participants: computed.participants,
            assignment: computed.assignment, metrics: metrics, diagnostics: computed.diagnostics,
            changes: computed.changes, manifest: manifest, history: snapshot.history, options: config.reportOptions)
        var files = try timings.measure("reports") {
            do {
                return try Reports.writeAll(bundle, to: staging)
            } catch {
                throw PipelineError(.publish, "writing reports failed: \(error)")
            }
        }
        logger.info("reports: \(files.count) files", metadata: ["seconds": "\(timings.last)"])

        let publishStart = DispatchTime.now().uptimeNanoseconds
        let runFolder = try { () throws -> URL in
            if let lpPath = options.exportLP {
                try Publisher.writeAtomically(
                    Data(Assigner.lpModel(computed.problem).utf8), to: URL(fileURLWithPath: lpPath))
            }
            // The manifest's publish time covers everything up to writing it (LP export included).
            manifest.stageSeconds = timings.seconds
            manifest.stageSeconds["publish"] = StageTimer.seconds(since: publishStart)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            let json = try encoder.encode(manifest)
            try Publisher.writeAtomically(json, to: staging.appendingPathComponent("run.json"))
            files.append("run.json")
            logger.debug("publish: manifest", metadata: ["seconds": "\(StageTimer.seconds(since: publishStart))"])
            let renameStart = DispatchTime.now().uptimeNanoseconds
            let folder = try Publisher.publish(staging: staging, output: outputPath, runID: runID)
            published = true
            let stateStart = DispatchTime.now().uptimeNanoseconds
            logger.debug("publish: fsync and rename", metadata: ["seconds": "\(Double(stateStart - renameStart) / 1e9)"])
            // The database commits only after the publish: a crash in between leaves a published run
            // that the next night simply does not build on.
            do {
                try pendingState?.commit(
                    manifestJSON: String(decoding: json, as: UTF8.self),
                    meanShannon: metrics.sessions.isEmpty
                        ? 0 : metrics.sessions.map(\.shannon).reduce(0, +) / Double(metrics.sessions.count))
                logger.debug(
                    "publish: state recorded",
                    metadata: ["seconds": "\(StageTimer.seconds(since: stateStart))"])
                let pruneStart = DispatchTime.now().uptimeNanoseconds
                let kept = Publisher.prune(output: outputPath, keep: config.keepRuns)
                try store.pruneAssignments(keeping: Set(kept))
                logger.debug(
                    "publish: older runs pruned",
                    metadata: ["seconds": "\(StageTimer.seconds(since: pruneStart))"])
            } catch {
                throw PipelineError(.publish, "\(error)")
            }
            return folder
        }()
        let publishSeconds = StageTimer.seconds(since: publishStart)
        logger.info("publish: \(runFolder.path)", metadata: ["seconds": "\(publishSeconds)"])
        if options.keepDataAtExit {
            // Not the store: closing it checkpoints the night's log into the database file, so that the
            // file alone (a backup, a copy for an analyst) holds every published run.
            ExitKeepAlive.keep([computed, bundle, snapshot])
        }
        return RunOutcome(runID: runID, runFolder: runFolder.path, manifest: manifest, files: files.sorted())
    }

    /// Ingest and normalise only; returns the diagnostics and counts (for `werksessies validate`).
    public func validate() throws -> (IngestResult, NormaliseResult) {
        let (taxonomy, catalog) = try loadVocabulary()
        var timings = StageTimer()
        return try readAndNormalise(taxonomy: taxonomy, catalog: catalog, timings: &timings)
    }

    /// Ingest and normalise, each logged with its wall time; ingest also with its CPU time and the peak memory so far
    /// ("cpu_seconds=… peak_mb=… seconds=… ingest: …", read by scripts/bench-ingest.sh).
    private func readAndNormalise(
        taxonomy: Taxonomy, catalog: Catalog, timings: inout StageTimer
    ) throws -> (IngestResult, NormaliseResult) {
        let ingest = try timings.measure("ingest") { try readInputs() }
        logger.info(
            "ingest: \(ingest.counts.rowsRead) rows, \(ingest.registrations.count) registrants, \(ingest.counts.rejected) rejected, \(ingest.counts.duplicatesMerged) duplicates merged",
            metadata: ["seconds": "\(timings.last)", "cpu_seconds": "\(timings.lastCPU)", "peak_mb": "\(StageTimer.peakMB())"])
        let normalised = timings.measure("normalise") {
            Normaliser(taxonomy: taxonomy, catalog: catalog).normalise(ingest.registrations)
        }
        logger.info("normalise: \(normalised.participants.count) participants, \(normalised.diagnostics.count) diagnostics",
            metadata: ["seconds": "\(timings.last)"])
        return (ingest, normalised)
    }

    func loadVocabulary() throws -> (Taxonomy, Catalog) {
        do {
            let taxonomy = try CatalogFiles.loadTaxonomy(path: config.taxonomyPath)
            let catalog = try CatalogFiles.loadCatalog(path: config.catalogPath, taxonomy: taxonomy)
            return (taxonomy, catalog)
        } catch let error as ConfigError {
            throw PipelineError(.config, error.description)
        }
    }

    func readInputs() throws -> IngestResult {
        guard !inputs.isEmpty else {
            throw PipelineError(.config, "\(config.path): no inputs (give inputs: in the config or --input FILE)")
        }
        let result: IngestResult
        do {
            result = try Ingest.run(inputs, options: config.ingest)
        } catch let error as IngestError {
            throw PipelineError(.input, error.description)
        }
        // A file with a header and nothing below it is almost always a wrong or truncated export:
        // stop rather than publish a night in which everyone from that file seems to have vanished.
        if let empty = result.files.first(where: { $0.rows == 0 }) {
            throw PipelineError(.input, "\(empty.path): no registrations below the header (an empty or truncated export?)")
        }
        return result
    }

    static func runID(for date: Date, output: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let base = formatter.string(from: date)
        var candidate = base
        var counter = 2
        while FileManager.default.fileExists(atPath: output + "/runs/" + candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }
}

/// Wall-clock time per stage, and the process's CPU time (user + system, all threads) of the last one.
struct StageTimer {
    private(set) var seconds: [String: Double] = [:]
    private(set) var last: Double = 0
    private(set) var lastCPU: Double = 0

    mutating func measure<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = Self.cpuSeconds()
        let result = try body()
        last = StageTimer.seconds(since: start)
        lastCPU = Self.cpuSeconds() - cpuStart
        seconds[stage, default: 0] += last
        return result
    }

    /// Seconds since `start` (a `DispatchTime` uptime in nanoseconds).
    static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The peak resident memory of this process so far (VmHWM), in MB; -1 where /proc is not there.
    static func peakMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return -1 }
        return kb / 1024
    }

    /// User + system CPU time of this process so far, in seconds.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(0, &usage)  // RUSAGE_SELF (an enum on Glibc, an Int32 on Darwin)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// The program version recorded in run manifests.
public enum Version {
    public static let current = "0.1.0"
}

/// Values deliberately never freed: the process exits right after the run (see `RunOptions.keepDataAtExit`).
enum ExitKeepAlive {
    private final class Box: @unchecked Sendable {
        let values: [Any]
        init(_ values: [Any]) { self.values = values }
    }

    static func keep(_ values: [Any]) {
        _ = Unmanaged.passRetained(Box(values))
    }
}
