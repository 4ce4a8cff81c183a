import ArgumentParser
import Configuration
import Logging

/// Options shared by the commands that read a config.
struct ConfigOptions: ParsableArguments {
    @Argument(help: "The pipeline config.")
    var config: String = "Pipelines/nightly.yml"

    @Option(name: .customLong("input"), help: "An input file (.xlsx or .csv); repeat for more. Replaces the config's inputs.")
    var inputs: [String] = []

    @Flag(name: .shortAndLong, help: "Log every stage at debug level.")
    var verbose = false

    /// The config's inputs replaced by `--input`, if given.
    var inputOverride: [String]? { inputs.isEmpty ? nil : inputs }

    /// Reads and checks the config.
    func load() throws -> PipelineConfig {
        try PipelineConfig.load(path: config)
    }

    /// A logger to stderr at info (or, with `-v`, debug) level.
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
