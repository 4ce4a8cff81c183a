import Configuration
import Corrections
import Foundation
import Ingest
import Normalise
import Publishing
import State
import WerksessiesModel

/// Step 1 of a run: the vocabulary, the lock, the state as earlier runs left it, tonight's registrants.
struct Loaded: Sendable {
    var taxonomy: Taxonomy
    var catalog: Catalog
    /// Held until the run ends (the kernel releases it if the process dies).
    var lock: RunLock
    var store: StateStore
    var snapshot: StateSnapshot
    var ingest: IngestResult
    var normalised: NormaliseResult
    var runID: String
    /// What tonight's corrections did (for the manifest, the shrink guard and the notifications).
    var corrections: CorrectionCounts
    var correctionSummary: Corrections.Summary
}

extension NightlyRun {
    /// Step 1: reads everything the run needs; nothing is written but the output folder and its lock.
    func load(timings: inout StageTimer) throws -> Loaded {
        let (taxonomy, catalog) = try loadVocabulary()
        try output.prepare()
        let lock = try output.lock()
        let store = try openState()
        let snapshot = try store.snapshot()
        let runID = Self.runID(sequence: try store.nextSequence(), date: options.now, output: output)
        store.checkpointInBackground()
        let read = try readAndNormalise(taxonomy: taxonomy, catalog: catalog, timings: &timings)
        return Loaded(
            taxonomy: taxonomy, catalog: catalog, lock: lock, store: store, snapshot: snapshot, ingest: read.ingest,
            normalised: read.normalised, runID: runID, corrections: read.corrections, correctionSummary: read.summary)
    }

    /// Opens the state database, refusing a missing or empty one next to published runs (it would make a
    /// silent first night that reshuffles everyone), and completes a publish that an earlier run left
    /// half done (see `reconcile`).
    func openState() throws -> StateStore {
        if output.latestRunID() != nil {
            let size = (try? FileManager.default.attributesOfItem(atPath: statePath))?[.size] as? Int
            guard let size, size > 0 else {
                throw PipelineError(
                    .state,
                    "\(statePath): \(size == nil ? "missing" : "empty (0 bytes)"), but \(output.latest) points at a published run; restore the state database of those runs (or move \(output.path) aside to start afresh)")
            }
        }
        let store = try StateStore(path: statePath)
        try reconcile(store)
        return store
    }

    /// A run recorded as "publishing" was stopped after its state commit: its folder is complete (it was
    /// moved into place before the commit), so `latest` is pointed at it and it is marked published.
    func reconcile(_ store: StateStore) throws {
        let unfinished = try store.runIDs(status: .publishing)
        for (index, runID) in unfinished.enumerated() {
            guard FileManager.default.fileExists(atPath: output.runFolder(runID) + "/run.json") else {
                throw PipelineError(
                    .state,
                    "\(statePath): run \(runID) is recorded but \(output.runFolder(runID)) is missing; restore it, or the state database from before that run")
            }
            if index == unfinished.count - 1 { try output.pointLatest(at: runID) }
            try store.markPublished(runID: runID)
            logger.notice("completed the publish of run \(runID), which stopped after recording its state")
        }
    }

    /// The taxonomy and the session catalog named by the config.
    func loadVocabulary() throws -> (Taxonomy, Catalog) {
        let taxonomy = try CatalogFiles.loadTaxonomy(path: config.taxonomyPath)
        let catalog = try CatalogFiles.loadCatalog(path: config.catalogPath, taxonomy: taxonomy)
        return (taxonomy, catalog)
    }

    /// Ingest, the corrections and normalise, each logged with its wall time; ingest also with its CPU time and the peak memory so far
    /// ("cpu_seconds=… peak_mb=… seconds=… ingest: …", read by scripts/bench-ingest.sh).
    func readAndNormalise(
        taxonomy: Taxonomy, catalog: Catalog, timings: inout StageTimer
    ) throws -> (ingest: IngestResult, normalised: NormaliseResult, corrections: CorrectionCounts, summary: Corrections.Summary) {
        let ingest = try timings.measure("ingest") { try readInputs() }
        logger.info(
            "ingest: \(ingest.counts.rowsRead) rows, \(ingest.registrations.count) registrants, \(ingest.counts.rejected) rejected, \(ingest.counts.duplicatesMerged) duplicates merged",
            metadata: ["seconds": "\(timings.last)", "cpu_seconds": "\(timings.lastCPU)", "peak_mb": "\(StageTimer.peakMB())"])
        let (corrected, normalised, counts, summary) = timings.measure("normalise") {
            correctAndNormalise(ingest, taxonomy: taxonomy, catalog: catalog)
        }
        logger.info(
            "normalise: \(normalised.participants.count) participants, \(normalised.diagnostics.count) diagnostics, \(counts.applied) corrections applied, \(counts.warnings) not",
            metadata: ["seconds": "\(timings.last)"])
        return (corrected, normalised, counts, summary)
    }

    /// Reads the inputs; a file with a header and no registrations below it stops the run.
    func readInputs(_ specs: [InputSpec]? = nil) throws -> IngestResult {
        let inputs = specs ?? inputs
        guard !inputs.isEmpty else {
            throw PipelineError(.usage, "\(config.path): no inputs (give inputs: in the config or --input FILE)")
        }
        let result = try Ingest.run(inputs, options: config.ingest)
        // A file with a header and nothing below it is almost always a wrong or truncated export:
        // stop rather than publish a night in which everyone from that file seems to have vanished.
        if let empty = result.files.first(where: { $0.rows == 0 }) {
            throw PipelineError(.input, "\(empty.path): no registrations below the header (an empty or truncated export?)")
        }
        return result
    }

    /// `<sequence>-<yyyyMMddTHHmmssZ>`: the state's sequence number (zero-padded, so names sort in run
    /// order whatever the clock did) and the clock reading for people; a `-2`, `-3`… suffix if that folder exists.
    static func runID(sequence: Int, date: Date, output: OutputFolder) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let number = String(sequence)
        let base = String(repeating: "0", count: max(0, 6 - number.count)) + number + "-" + formatter.string(from: date)
        var candidate = base
        var counter = 2
        while FileManager.default.fileExists(atPath: output.runFolder(candidate)) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }
}
