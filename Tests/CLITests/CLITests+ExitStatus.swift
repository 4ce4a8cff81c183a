import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// One test per documented exit status.
extension CLITests {
    func testPublishedRunExitsZeroAndPrintsTheRunFolder() throws {
        let result = try werksessies(runArguments())
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.errorLines, [])
        XCTAssertTrue(result.stdout.hasPrefix("published " + dir.appendingPathComponent("out/runs/").path), result.stdout)
        XCTAssertTrue(result.stdout.contains("registrants"), result.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/latest/run.json").path))
    }

    /// `--help`, `-h` and `--version`, on the program and on a subcommand, print to stdout and exit 0.
    func testHelpAndVersionExitZeroOnStdout() throws {
        for (arguments, expected) in [
            (["--help"], "USAGE: werksessies"), (["run", "--help"], "USAGE: werksessies run"),
            (["validate", "-h"], "USAGE: werksessies validate"), (["help", "run"], "USAGE: werksessies run"),
        ] {
            let result = try werksessies(arguments)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains(expected), "\(arguments): \(result.stdout)")
            XCTAssertEqual(result.stderr, "", "\(arguments)")
        }
        let version = try werksessies(["--version"])
        XCTAssertEqual(version.status, 0, version.stderr)
        XCTAssertFalse(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    func testBadCommandLineValuesExitTwo() throws {
        assertFails(try werksessies(runArguments(["--capacity-scale", "-1"])), status: 2, mentioning: "--capacity-scale")
        assertFails(try werksessies(["run", "--no-such-option"]), status: 2, mentioning: "--no-such-option")
        assertFails(try werksessies(["frobnicate"]), status: 2, mentioning: "frobnicate")
        assertFails(try werksessies(["pin"]), status: 2, mentioning: "<email>")
        assertFails(try werksessies(["sample", "--participants", "3", "--out", dir.path + "/x.txt"]), status: 2, mentioning: "x.txt")
    }

    func testBadConfigExitsTwoNamingTheFile() throws {
        let config = dir.appendingPathComponent("nightly.yml")
        try "inputs: [\n  - path: x.csv\n weights: oops".write(to: config, atomically: true, encoding: .utf8)
        assertFails(try werksessies(["run", config.path]), status: 2, mentioning: "nightly.yml")
        assertFails(try werksessies(["run", dir.appendingPathComponent("missing.yml").path]), status: 2, mentioning: "missing.yml")
    }

    func testUnreadableInputExitsThree() throws {
        let bad = dir.appendingPathComponent("kapot.xlsx")
        try Data("dit is geen spreadsheet".utf8 + [0, 1, 2, 255]).write(to: bad)
        assertFails(try werksessies(runArguments(["--input", bad.path])), status: 3, mentioning: "kapot.xlsx")
    }

    func testInfeasibleMinimumExitsFour() throws {
        let config = try writeSmallConfig(minimum: 5)
        assertFails(try werksessies(["run", config.path]), status: 4, mentioning: "infeasible")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/latest").path))
    }

    func testShrinkGuardExitsFive() throws {
        let config = try writeSmallConfig(minimum: 0)
        XCTAssertEqual(try werksessies(["run", config.path]).status, 0)
        try writeSmallInput(count: 1)
        assertFails(try werksessies(["run", config.path]), status: 5, mentioning: "--allow-shrink")
    }

    func testHeldLockExitsSix() throws {
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fd = open(out.appendingPathComponent(".lock").path, O_RDWR | O_CREAT, 0o644)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        defer { close(fd) }
        assertFails(try werksessies(runArguments()), status: 6, mentioning: "another run holds the lock")
    }

    func testOutputFolderThatIsAFileExitsSeven() throws {
        let file = dir.appendingPathComponent("out")
        try Data("not a folder".utf8).write(to: file)
        assertFails(try werksessies(runArguments()), status: 7, mentioning: file.path)
    }

    func testMessagesStayOnOneLine() throws {
        assertFails(
            try werksessies(runArguments(["--capacity-scale", "1\nsecond line\r\tend"])), status: 2,
            mentioning: "1\\nsecond line\\r\\tend")
    }

    /// A config in the scratch folder: three sessions of 2 seats, the repository's taxonomy, 4 registrants.
    func writeSmallConfig(minimum: Int) throws -> URL {
        var sessions = ""
        for id in 1...3 {
            sessions += """
                  - id: \(id)
                    title: "Sessie \(id)"
                    capacity: \(max(2, minimum))
                    minimum: \(id == 1 ? minimum : 0)
                    trekkers: [ORG\(id)]
                    toelichting: "t"
                    steekwoorden: [{id: kunst, label: kunst}]

                """
        }
        let catalog = """
            event: "Test"
            organisations:
              - {id: ORG1, name: "Een", family: design}
              - {id: ORG2, name: "Twee", family: energy}
              - {id: ORG3, name: "Drie", family: policy}
            sessions:
            \(sessions)
            """
        try catalog.write(to: dir.appendingPathComponent("sessions.yml"), atomically: true, encoding: .utf8)
        let taxonomy = Self.root.appendingPathComponent("Pipelines/taxonomy.yml").path
        let config = "inputs: [in.csv]\ncatalog: sessions.yml\ntaxonomy: \(taxonomy)\noutput: out\n"
        try config.write(to: dir.appendingPathComponent("nightly.yml"), atomically: true, encoding: .utf8)
        try writeSmallInput(count: 4)
        return dir.appendingPathComponent("nightly.yml")
    }

    func writeSmallInput(count: Int) throws {
        let rows = (0..<count).map { "p\($0)@x.nl;P \($0);Org;architect;kunst;nee;ja;2020-09-01 10:0\($0)" }
        try (["E-mailadres;Naam;Organisatie;Discipline;Interessegebieden;Mandaat;Toestemming;Tijdstempel"] + rows)
            .joined(separator: "\r\n").write(to: dir.appendingPathComponent("in.csv"), atomically: true, encoding: .utf8)
    }
}
