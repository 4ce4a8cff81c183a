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

    @Argument(help: "The participant's e-mail address (not with --notified).")
    var email: String?

    @Flag(help: "Pin everyone in the latest published notifications.csv to their session (they were told).")
    var notified = false

    @Option(help: "The session to pin to (default: their session in the latest run).")
    var session: Int?

    @Flag(help: "Remove the pin.")
    var remove = false

    @OptionGroup var common: ConfigOptions

    @Option(help: "The state database (SQLite) instead of the config's state.")
    var state: String?

    @Option(help: "The publish folder instead of the config's output (with --notified).")
    var output: String?

    func run() throws {
        if email == nil, !notified { throw CommandLineError("missing <email> (or --notified: everyone in notifications.csv)") }
        let config = try common.load()
        let run = NightlyRun(config: config, options: RunOptions(output: output, state: state), logger: common.logger())
        if notified {
            guard email == nil, session == nil, !remove else {
                throw CommandLineError("--notified pins everyone in notifications.csv: give no e-mail, --session or --remove")
            }
            print(try run.pinNotified())
            return
        }
        guard let email else { return }
        print(try run.pin(email: email, session: session, remove: remove))
    }
}
