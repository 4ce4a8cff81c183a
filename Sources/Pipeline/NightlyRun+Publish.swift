import Assign
import Foundation
import Publishing
import WerksessiesModel

extension NightlyRun {
    /// Step 4: the LP export and the manifest, the atomic publish, the state commit, pruning.
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
        let folder = try written.staging.publish()
        logger.debug("publish: fsync and rename", metadata: ["seconds": "\(StageTimer.seconds(since: start))"])
        try record(manifestJSON: json, computed: computed, loaded: loaded)
        logger.info("publish: \(folder)", metadata: ["seconds": "\(StageTimer.seconds(since: start))"])
        return RunOutcome(
            runID: loaded.runID, runFolder: folder, manifest: manifest, files: (written.files + ["run.json"]).sorted())
    }

    /// Commits the run's state (begun in step 2), then prunes older runs from the folder and the state.
    func record(manifestJSON json: Data, computed: Computed, loaded: Loaded) throws {
        let sessions = computed.metrics.sessions
        try computed.pendingState?.commit(
            manifestJSON: String(decoding: json, as: UTF8.self),
            meanShannon: sessions.isEmpty ? 0 : sessions.map(\.shannon).reduce(0, +) / Double(sessions.count))
        let kept = output.prune(published: output.publishedFolders(), keep: config.keepRuns, current: loaded.runID)
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
