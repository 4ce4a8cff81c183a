import Assign
import Foundation
import Publishing
import State
import WerksessiesModel

extension NightlyRun {
    /// Step 4: the LP export and the manifest, then the publish in an order that keeps the state and the
    /// published reports in agreement: the run folder into place, the state committed as "publishing",
    /// `latest` switched, the state marked published (a run stopped in between is completed by the next
    /// start: `reconcile`), then older runs pruned.
    func publish(_ written: Written, computed: Computed, loaded: Loaded, timings: inout StageTimer) throws -> RunOutcome {
        let start = StageTimer.now
        if let lpPath = options.exportLP {
            try Publisher.writeAtomically(Data(Assigner.lpModel(computed.problem).utf8), to: lpPath)
        }
        // The manifest's publish time covers everything up to writing it (LP export included).
        var manifest = written.manifest
        manifest.stageSeconds = timings.seconds
        manifest.stageSeconds["publish"] = StageTimer.seconds(since: start)
        let json = try Self.encode(manifest)
        try written.staging.write(json, name: "run.json")
        let folder = try withoutStopping {
            let folder = try written.staging.moveIntoPlace()
            logger.debug("publish: fsync and rename", metadata: ["seconds": "\(StageTimer.seconds(since: start))"])
            try commitState(manifestJSON: json, computed: computed, written: written, runID: loaded.runID)
            try output.pointLatest(at: loaded.runID)
            try loaded.store.markPublished(runID: loaded.runID)
            return folder
        }
        try prune(loaded)
        logger.info("publish: \(folder)", metadata: ["seconds": "\(StageTimer.seconds(since: start))"])
        return RunOutcome(
            runID: loaded.runID, runFolder: folder, manifest: manifest, files: (written.files + ["run.json"]).sorted())
    }

    /// `body` where a signal cannot stop the run (see `RunControl`).
    func withoutStopping<T>(_ body: () throws -> T) throws -> T {
        guard let control = options.control else { return try body() }
        return try control.withoutStopping(body)
    }

    /// Commits the run's state (begun in step 2) as "publishing", with what its board showed of its trend row and
    /// family mix; if that fails, the run folder goes again.
    func commitState(manifestJSON json: Data, computed: Computed, written: Written, runID: String) throws {
        let sessions = computed.metrics.sessions
        do {
            try computed.pendingState?.commit(
                manifestJSON: String(decoding: json, as: UTF8.self),
                meanShannon: sessions.isEmpty ? 0 : sessions.map(\.shannon).reduce(0, +) / Double(sessions.count),
                board: written.boardTrend, boardMix: written.boardMix, status: .publishing)
        } catch {
            output.removeRun(runID)
            throw error
        }
    }

    /// Removes the recorded runs beyond `keep_runs` (never tonight's, never a folder the state does not
    /// know) and their per-participant assignments from the state.
    func prune(_ loaded: Loaded) throws {
        let recorded = try loaded.store.runIDs(status: .published)
            .filter { FileManager.default.fileExists(atPath: output.runFolder($0)) }
        let kept = output.prune(published: recorded, keep: config.keepRuns, current: loaded.runID)
        try loaded.store.pruneAssignments(keeping: Set(kept))
    }

    /// The manifest as pretty-printed JSON with sorted keys.
    static func encode(_ manifest: RunManifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(manifest)
    }
}
