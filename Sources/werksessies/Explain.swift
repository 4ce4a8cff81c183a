import ArgumentParser
import Pipeline

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
        let config = try common.load()
        let options = RunOptions(inputs: common.inputOverride, output: output, state: state)
        print(try NightlyRun(config: config, options: options, logger: common.logger()).explain(email: email))
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
        let config = try common.load()
        let run = NightlyRun(config: config, options: RunOptions(state: state), logger: common.logger())
        print(try run.pin(email: email, session: session, remove: remove))
    }
}
