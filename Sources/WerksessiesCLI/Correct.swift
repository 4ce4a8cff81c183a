import ArgumentParser
import Pipeline

struct Correct: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a correction to the corrections file; it is applied every night from now on.",
        discussion: """
            FIELD is one of discipline, interests (a new list, +keyword or -keyword), mandate (ja/nee/onbekend), \
            consent (ja/nee), status (geannuleerd/bevestigd/actief), name, organisation, email (the address \
            becomes VALUE: two addresses of one person merged) or exclude (ja/nee: kept out of the assignment).
            """)

    @Argument(help: "The participant's e-mail address as tonight's inputs hold it.")
    var email: String

    @Argument(help: "The field to correct.")
    var field: String

    @Argument(help: "The new value.")
    var value: String

    @Option(help: "Why (kept in the file and shown in data_quality.csv).")
    var note: String = ""

    @OptionGroup var common: ConfigOptions

    func run() throws {
        let config = try common.load()
        let run = NightlyRun(config: config, options: RunOptions(), logger: common.logger())
        print(try run.correct(email: email, field: field, value: value, note: note))
    }
}
