import ArgumentParser
import Foundation
import Pipeline
import Rules
import SystemCalls
import WerksessiesModel

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the whole pipeline and publish the reports.")

    @OptionGroup var common: ConfigOptions

    @Option(help: "Publish into this folder instead of the config's output.")
    var output: String?

    @Option(help: "The state database (SQLite) instead of the config's state.")
    var state: String?

    @Option(help: "Also write the assignment model in CPLEX LP format to this file.")
    var exportLP: String?

    @Option(help: "Multiply every session's capacity: 'auto' (all seats = 110% of registrants) or a factor.")
    var capacityScale: String?

    @Flag(help: "Run even when tonight's inputs hold far fewer registrants than last night, keeping the missing ones.")
    var allowShrink = false

    @Option(help: "The CSVs' dialect instead of the config's reports.csv_dialect: 'standard' or 'excel-nl'.")
    var csvDialect: String?

    func run() throws {
        let control = RunControl()
        let trap = Self.stopOnSignals(control)
        defer { withExtendedLifetime(trap) {} }
        let outcome: RunOutcome
        do {
            let dialect = try dialect()
            var config = try common.load()
            if let dialect { config.reportOptions.csvDialect = dialect }
            var options = RunOptions(
                inputs: common.inputOverride, output: output, state: state, exportLP: exportLP,
                capacityScale: try scale(), allowShrink: allowShrink)
            options.keepDataAtExit = true  // the process ends with the run
            options.control = control
            outcome = try NightlyRun(config: config, options: options, logger: common.logger()).run()
        } catch {
            control.settle()  // a stop in progress ends the process with its own line
            throw error
        }
        let c = outcome.manifest.counts
        print("published \(outcome.runFolder)")
        print(
            "rows \(c.rowsRead): \(c.rejected) rejected, \(c.duplicatesMerged) duplicates merged; registrants \(c.registrants): \(c.cancelled) cancelled, \(c.assigned) assigned, \(c.waitlisted) waitlisted; objective \(outcome.manifest.objective)"
        )
    }

    /// SIGINT and SIGTERM stop the run: staging removed, nothing published, one line, exit 128 + the
    /// signal's number (130, 143); the kernel releases the lock.
    static func stopOnSignals(_ control: RunControl) -> SignalTrap {
        SignalTrap.install(SignalTrap.stopSignals) { number in
            control.stop {
                let line = ErrorReport.line("stopped by \(SignalTrap.name(number)); nothing published")
                FileHandle.standardError.write(Data(line.utf8))
                SignalTrap.terminate(status: 128 + number)
            }
        }
    }

    /// `--csv-dialect` parsed (nil: the config's).
    func dialect() throws -> ReportOptions.CSVDialect? {
        guard let csvDialect else { return nil }
        guard let parsed = ReportOptions.CSVDialect(rawValue: csvDialect) else {
            throw CommandLineError("--csv-dialect must be 'standard' or 'excel-nl', not '\(csvDialect)'")
        }
        return parsed
    }

    /// `--capacity-scale` parsed.
    func scale() throws -> CapacityScale {
        guard let capacityScale else { return .none }
        guard let parsed = CapacityScale(argument: capacityScale) else {
            throw CommandLineError("--capacity-scale must be 'auto' or a positive number, not '\(capacityScale)'")
        }
        return parsed
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read and normalise the inputs and list every data problem; publishes nothing.")

    @OptionGroup var common: ConfigOptions

    func run() throws {
        let config = try common.load()
        let run = NightlyRun(config: config, options: RunOptions(inputs: common.inputOverride), logger: common.logger())
        let (ingest, normalised) = try run.validate()
        for diagnostic in ingest.diagnostics + normalised.diagnostics {
            let text = "\(diagnostic.location): \(diagnostic.severity.rawValue) [\(diagnostic.code)] \(diagnostic.message)"
            print(OneLine.escape(text) + " — " + diagnostic.value.debugDescription)
        }
        let all = ingest.diagnostics + normalised.diagnostics
        let applied = all.filter { $0.code == "corrected" }.count
        let refused = all.filter { $0.file == config.correctionsPath && $0.code.hasPrefix("correction") }.count
        print("corrections (\(config.correctionsPath)): \(applied) applied, \(refused) not applied")
        let c = ingest.counts
        print(
            "rows \(c.rowsRead): \(c.rejected) rejected, \(c.duplicatesMerged) duplicates merged, \(ingest.registrations.count) registrants (\(c.cancelled) cancelled); \(ingest.diagnostics.count + normalised.diagnostics.count) diagnostics"
        )
    }
}
