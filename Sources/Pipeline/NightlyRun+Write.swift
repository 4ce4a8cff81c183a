import Foundation
import Publishing
import Reports
import WerksessiesModel

/// Step 3's result: every report in the staging folder, the manifest still to be completed.
struct Written: Sendable {
    var staging: Staging
    var manifest: RunManifest
    var bundle: ReportBundle
    var files: [String]
    /// Tonight's trend row and family mix as the board showed them (recorded with the run).
    var boardTrend: BoardTrendRow
    var boardMix: [BoardMixCell]
}

extension NightlyRun {
    /// Step 3: writes every report into a fresh staging folder (removed again if anything fails).
    func write(_ computed: Computed, loaded: Loaded, timings: inout StageTimer) throws -> Written {
        let staging = try Staging.create(in: output, runID: loaded.runID)
        options.control?.track(staging)
        do {
            let manifest = RunManifest(
                runID: loaded.runID, startedAt: options.now, inputs: loaded.ingest.files, configSHA256: config.sha256,
                counts: computed.counts, objective: computed.assignment.objective, stageSeconds: [:],
                versions: ["werksessies": Version.current, "schema": "1"], corrections: loaded.corrections,
                baselines: computed.baselines)
            let bundle = ReportBundle(
                catalog: computed.catalog, taxonomy: loaded.taxonomy, participants: computed.participants,
                assignment: computed.assignment, metrics: computed.metrics, diagnostics: computed.diagnostics,
                changes: computed.changes, manifest: manifest, history: loaded.snapshot.history,
                options: config.reportOptions, notificationScope: computed.notificationScope)
            let reports = try timings.measure("reports") { try Self.writeReports(bundle, to: staging) }
            logger.info("reports: \(reports.files.count) files", metadata: ["seconds": "\(timings.last)"])
            return Written(staging: staging, manifest: manifest, bundle: bundle, files: reports.files, boardTrend: reports.boardTrend,
                           boardMix: reports.boardMix)
        } catch {
            staging.discard()
            throw error
        }
    }

    /// The reports of `bundle` in `staging`; a failure names the staging folder.
    static func writeReports(_ bundle: ReportBundle, to staging: Staging) throws -> Reports.Written {
        do {
            return try Reports.write(bundle, to: staging.url)
        } catch {
            throw PipelineError(.reports, "\(staging.path): writing the reports failed", underlying: ReportFailure(error))
        }
    }
}

/// A report writer's error, kept as its one-line description (the writers' errors need not be `Sendable`).
public struct ReportFailure: Error, Sendable, CustomStringConvertible {
    /// The writer's error, described.
    public let description: String

    init(_ error: any Error) {
        description = "\(error)"
    }
}
