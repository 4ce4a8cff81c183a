import ArgumentParser
import Foundation
import Pipeline

/// The command line: `run`, `validate`, `explain`, `sample`, `pin`.
public struct Werksessies: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "werksessies",
        abstract: "Assigns the participants of the werksessies to a session and reports on the result.",
        discussion: """
            Exit status: 0 published; 2 config, catalog, taxonomy or command-line values; 3 input file; \
            4 infeasible; 5 guard; 6 locked; 7 publishing, state or output folder.
            """,
        version: Version.current,
        subcommands: [Run.self, Validate.self, Explain.self, SampleCommand.self, Pin.self, Correct.self],
        defaultSubcommand: nil)

    /// Parses the arguments and runs the command; every failure ends in one `werksessies:` line on stderr
    /// and its exit status (`ErrorReport`), a parse error included.
    public init() {}

    public static func main() {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(Array(CommandLine.arguments.dropFirst()))
        } catch {
            // --help and --version are "errors" that print to stdout and exit 0.
            if exitCode(for: error) == .success { exit(withError: error) }
            Foundation.exit(ErrorReport.fail(CommandLineError(message(for: error) + " (see werksessies --help)")))
        }
        do {
            var command = command
            try command.run()
            Foundation.exit(ExitStatus.published.rawValue)
        } catch {
            // `--help` after a subcommand reaches run() as the help command, whose "error" prints the help.
            if exitCode(for: error) == .success { exit(withError: error) }
            Foundation.exit(ErrorReport.fail(error))
        }
    }
}
