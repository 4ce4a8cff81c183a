import Configuration
import Foundation
import Ingest
import Logging
import Normalise
import Publishing
import State
import WerksessiesModel

/// The nightly pipeline in four steps: load → compute → write → publish (Ingest → Normalise → Assign →
/// Metrics → Reports → Publish, with State around them).
public struct NightlyRun: Sendable {
    public var config: PipelineConfig
    public var options: RunOptions
    public var logger: Logger

    public init(config: PipelineConfig, options: RunOptions, logger: Logger) {
        self.config = config
        self.options = options
        self.logger = logger
    }

    var output: OutputFolder { OutputFolder(path: options.output ?? config.outputPath) }
    var statePath: String { options.state ?? config.statePath }
    var inputs: [InputSpec] { options.inputs.map { $0.map { InputSpec(path: $0) } } ?? config.inputs }

    /// Runs the pipeline and publishes a complete set of reports, or throws and changes nothing published.
    public func run() throws -> RunOutcome {
        var timings = StageTimer()
        var loaded = try load(timings: &timings)
        let computed = try compute(&loaded, timings: &timings)
        // Whatever fails from here on, the state transaction is rolled back (this does nothing after the commit).
        defer { computed.pendingState?.cancel() }
        let written = try write(computed, loaded: loaded, timings: &timings)
        // Removes the staging folder of a run that did not publish (after the publish it is gone already).
        defer { written.staging.discard() }
        let outcome = try publish(written, computed: computed, loaded: loaded, timings: &timings)
        if options.keepDataAtExit {
            // Not the store: closing it checkpoints the night's log into the database file, so that the
            // file alone (a backup, a copy for an analyst) holds every published run.
            ExitKeepAlive.keep([computed, written.bundle, loaded.snapshot])
        }
        return outcome
    }

    /// Ingest and normalise only; returns the diagnostics and counts (for `werksessies validate`).
    public func validate() throws -> (IngestResult, NormaliseResult) {
        let (taxonomy, catalog) = try loadVocabulary()
        var timings = StageTimer()
        let read = try readAndNormalise(taxonomy: taxonomy, catalog: catalog, timings: &timings)
        return (read.ingest, read.normalised)
    }
}
