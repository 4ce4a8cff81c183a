import ArgumentParser
import Configuration
import Sample

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
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
        guard participants >= 0 else { throw CommandLineError("--participants must be ≥ 0, not \(participants)") }
        let loaded = try CatalogFiles.loadCatalog(path: catalog)
        let rows = SampleGenerator(catalog: loaded).rows(participants: participants, seed: seed, firstID: firstID)
        try SampleWriter.write(header: SampleGenerator.header, rows: rows, to: out)
        print("wrote \(rows.count) rows (\(participants) registrants) to \(out)")
    }
}
