import ArgumentParser
import Foundation
import Logging
import Pipeline
import WerksessiesModel

#if canImport(Glibc)
    import Glibc
#endif

@main
struct Werksessies: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "werksessies",
        abstract: "Assigns the participants of the werksessies to a session and reports on the result.",
        discussion: "Exit status: 0 published; 2 config; 3 input file; 4 infeasible; 5 guard; 6 locked; 7 publish/state.",
        version: Version.current,
        subcommands: [Run.self, Validate.self, Explain.self, Sample.self, Pin.self],
        defaultSubcommand: nil)
}

/// Options shared by the commands that read a config.
struct ConfigOptions: ParsableArguments {
    @Argument(help: "The pipeline config.")
    var config: String = "Pipelines/nightly.yml"

    @Option(name: .customLong("input"), help: "An input file (.xlsx or .csv); repeat for more. Replaces the config's inputs.")
    var inputs: [String] = []

    @Flag(name: .shortAndLong, help: "Log every stage at debug level.")
    var verbose = false

    func load() throws -> PipelineConfig {
        do {
            return try PipelineConfig.load(path: config)
        } catch let error as ConfigError {
            throw PipelineError(.config, error.description)
        }
    }

    func logger() -> Logger {
        let level: Logger.Level = verbose ? .debug : .info
        var logger = Logger(label: "werksessies") { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        logger.logLevel = level
        return logger
    }
}

/// Runs `body`, turning a pipeline error into one line on stderr and its exit status.
func runReportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as PipelineError {
        FileHandle.standardError.write(Data("werksessies: \(error.message)\n".utf8))
        throw ExitCode(error.exitCode)
    }
}

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

    func run() throws {
        try runReportingErrors {
            var scale = CapacityScale.none
            if let capacityScale {
                guard let parsed = CapacityScale(argument: capacityScale) else {
                    throw PipelineError(.config, "--capacity-scale must be 'auto' or a positive number, not '\(capacityScale)'")
                }
                scale = parsed
            }
            let config = try common.load()
            var options = RunOptions(
                inputs: common.inputs.isEmpty ? nil : common.inputs, output: output, state: state, exportLP: exportLP,
                capacityScale: scale, allowShrink: allowShrink)
            options.keepDataAtExit = true  // the process ends with the run
            let outcome = try NightlyRun(config: config, options: options, logger: common.logger()).run()
            let c = outcome.manifest.counts
            print("published \(outcome.runFolder)")
            print(
                "rows \(c.rowsRead): \(c.rejected) rejected, \(c.duplicatesMerged) duplicates merged; registrants \(c.registrants): \(c.cancelled) cancelled, \(c.assigned) assigned, \(c.waitlisted) waitlisted; objective \(outcome.manifest.objective)"
            )
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read and normalise the inputs and list every data problem; publishes nothing.")

    @OptionGroup var common: ConfigOptions

    func run() throws {
        try runReportingErrors {
            let config = try common.load()
            let run = NightlyRun(
                config: config, options: RunOptions(inputs: common.inputs.isEmpty ? nil : common.inputs),
                logger: common.logger())
            let (ingest, normalised) = try run.validate()
            for diagnostic in ingest.diagnostics + normalised.diagnostics {
                print("\(diagnostic.location): \(diagnostic.severity.rawValue) [\(diagnostic.code)] \(diagnostic.message) — \(diagnostic.value.debugDescription)")
            }
            let c = ingest.counts
            print(
                "rows \(c.rowsRead): \(c.rejected) rejected, \(c.duplicatesMerged) duplicates merged, \(ingest.registrations.count) registrants (\(c.cancelled) cancelled); \(ingest.diagnostics.count + normalised.diagnostics.count) diagnostics"
            )
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain why a participant got their session: scores per session and the constraint that decided.")

    @Argument(help: "The participant's e-mail address.")
    var email: String

    @OptionGroup var common: ConfigOptions

    @Option(help: "The publish folder instead of the config's output.")
    var output: String?

    @Option(help: "The state database (SQLite) instead of the config's state.")
    var state: String?

    func run() throws {
        try runReportingErrors {
            let config = try common.load()
            let options = RunOptions(inputs: common.inputs.isEmpty ? nil : common.inputs, output: output, state: state)
            print(try NightlyRun(config: config, options: options, logger: common.logger()).explain(email: email))
        }
    }
}

struct Pin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pin a participant to their session (they were notified and never move), or unpin.")

    @Argument(help: "The participant's e-mail address.")
    var email: String

    @Option(help: "The session to pin to (default: their session in the latest run).")
    var session: Int?

    @Flag(help: "Remove the pin.")
    var remove = false

    @OptionGroup var common: ConfigOptions

    @Option(help: "The state database (SQLite) instead of the config's state.")
    var state: String?

    func run() throws {
        try runReportingErrors {
            let config = try common.load()
            let options = RunOptions(state: state)
            print(try NightlyRun(config: config, options: options, logger: common.logger()).pin(email: email, session: session, remove: remove))
        }
    }
}

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write synthetic registrations that look like a real export (.csv or .xlsx).")

    @Option(help: "Number of unique registrants.")
    var participants: Int

    @Option(help: "Random seed (same seed, same file).")
    var seed: UInt64 = 1

    @Option(help: "The file to write (.csv or .xlsx).")
    var out: String

    @Option(help: "The session catalog whose steekwoorden the interests use.")
    var catalog: String = "Pipelines/sessions.yml"

    @Option(help: "First value of the ID column.")
    var firstID: Int = 1

    func run() throws {
        try runReportingErrors {
            guard participants >= 0 else { throw PipelineError(.config, "--participants must be ≥ 0") }
            let loaded: Catalog
            do {
                loaded = try CatalogFiles.loadCatalog(path: catalog)
            } catch {
                throw PipelineError(.config, "\(error)")
            }
            let rows = SampleGenerator(catalog: loaded).rows(participants: participants, seed: seed, firstID: firstID)
            try SampleWriter.write(header: SampleGenerator.header, rows: rows, to: out)
            print("wrote \(rows.count) rows (\(participants) registrants) to \(out)")
        }
    }
}
