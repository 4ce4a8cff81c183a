import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// Each failure class of a nightly run: one `werksessies:` line, the documented status, nothing published.
extension CLITests {
    var out: URL { dir.appendingPathComponent("out") }
    var stateFile: URL { dir.appendingPathComponent("state.sqlite") }

    func latestTarget() -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: out.appendingPathComponent("latest").path)
    }

    func runFolders() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("runs").path)) ?? []).sorted()
    }

    func testOutputFolderWithAMissingParentExitsSeven() throws {
        let missing = dir.appendingPathComponent("no/such/folder")
        let result = try werksessies(["run", "Pipelines/nightly.yml", "--output", missing.path, "--state", stateFile.path])
        assertFails(result, status: 7, mentioning: "its parent folder does not exist")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("no").path))
    }

    func testReadOnlyOutputFileSystemExitsSeven() throws {
        let mount = dir.appendingPathComponent("ro")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        guard (try? Self.launch(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", mount.path], executable: URL(fileURLWithPath: "/bin/mount")))?.status == 0
        else { throw XCTSkip("cannot mount a read-only tmpfs here (needs root)") }
        defer { _ = try? Self.launch(["umount", mount.path], executable: URL(fileURLWithPath: "/bin/umount")) }
        let result = try werksessies(["run", "Pipelines/nightly.yml", "--output", mount.appendingPathComponent("out").path, "--state", stateFile.path])
        assertFails(result, status: 7, mentioning: "Read-only file system")
    }

    func testLatestThatIsAFolderExitsSevenAndPublishesNothing() throws {
        XCTAssertEqual(try werksessies(runArguments()).status, 0)
        let before = runFolders()
        try FileManager.default.removeItem(at: out.appendingPathComponent("latest"))
        try FileManager.default.createDirectory(at: out.appendingPathComponent("latest/x"), withIntermediateDirectories: true)
        assertFails(try werksessies(runArguments(["--allow-shrink"])), status: 7, mentioning: "latest")
        XCTAssertTrue(SystemCheck.isDirectory(out.appendingPathComponent("latest").path))
        XCTAssertEqual(runFolders().filter { $0.hasPrefix(".") }, [], "no staging left")
        XCTAssertEqual(runFolders().count, before.count + 1, "the run folder waits, recorded as publishing")
    }

    func testEmptyStateFileNextToPublishedRunsExitsSeven() throws {
        XCTAssertEqual(try werksessies(runArguments()).status, 0)
        let latest = latestTarget()
        try Data().write(to: stateFile)
        for name in ["state.sqlite-wal", "state.sqlite-shm"] { try? FileManager.default.removeItem(at: dir.appendingPathComponent(name)) }
        assertFails(try werksessies(runArguments()), status: 7, mentioning: "\(stateFile.path): empty (0 bytes)")
        try FileManager.default.removeItem(at: stateFile)
        assertFails(try werksessies(runArguments()), status: 7, mentioning: "\(stateFile.path): missing")
        XCTAssertEqual(latestTarget(), latest)
    }

    func testUnreadableStateFileExitsSeven() throws {
        try Data(repeating: 0x5A, count: 8192).write(to: stateFile)
        assertFails(try werksessies(runArguments()), status: 7, mentioning: stateFile.path)
        XCTAssertNil(latestTarget())
    }

    func testAStateFileOfANewerVersionExitsSeven() throws {
        XCTAssertEqual(try werksessies(runArguments()).status, 0)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { throw XCTSkip("no sqlite3 tool") }
        let insert = try Self.launch(
            ["sqlite3", stateFile.path, "INSERT INTO grdb_migrations (identifier) VALUES ('v99')"],
            executable: URL(fileURLWithPath: "/usr/bin/sqlite3"))
        XCTAssertEqual(insert.status, 0, insert.stderr)
        assertFails(try werksessies(runArguments()), status: 7, mentioning: "written by a newer werksessies (schema v99)")
    }

    func testSignalsStopTheRunCleanly() throws {
        XCTAssertEqual(try werksessies(runArguments()).status, 0)
        let latest = latestTarget()
        for (signal, status) in [(SIGTERM, Int32(143)), (SIGINT, Int32(130))] {
            let result = try Self.launch(runArguments(["--allow-shrink"]), signal: signal, after: "ingest:")
            XCTAssertEqual(result.status, status, result.stderr)
            XCTAssertEqual(result.errorLines.count, 1, result.stderr)
            XCTAssertTrue(result.errorLines.first?.contains("stopped by SIG") ?? false, result.stderr)
            XCTAssertEqual(result.stdout, "")
            XCTAssertEqual(latestTarget(), latest, "nothing published")
            XCTAssertEqual(runFolders(), [latest!.replacingOccurrences(of: "runs/", with: "")], "no staging, no new run")
            // The lock is free.
            let fd = open(out.appendingPathComponent(".lock").path, O_RDWR)
            XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
            close(fd)
        }
        XCTAssertEqual(try werksessies(runArguments()).status, 0, "the next run works")
    }

    func testPinToASessionNotInTheCatalogExitsTwo() throws {
        XCTAssertEqual(try werksessies(runArguments()).status, 0)
        assertFails(
            try werksessies(["pin", "someone@example.nl", "--session", "99", "--state", stateFile.path]), status: 2,
            mentioning: "--session 99")
    }

    func testCapacityScaleThatDoesNotFitExitsTwo() throws {
        assertFails(try werksessies(runArguments(["--capacity-scale", "1e300"])), status: 2, mentioning: "--capacity-scale")
        assertFails(try werksessies(runArguments(["--capacity-scale", "nan"])), status: 2, mentioning: "--capacity-scale")
    }

    func testAMistypedConfigKeyExitsTwoNamingTheLine() throws {
        let config = dir.appendingPathComponent("nightly.yml")
        let text = try String(contentsOf: Self.root.appendingPathComponent("Pipelines/nightly.yml"), encoding: .utf8)
            .replacingOccurrences(of: "keep_runs:", with: "keep_rnus:")
            .replacingOccurrences(of: "../", with: Self.root.path + "/")
            .replacingOccurrences(of: "catalog: sessions.yml", with: "catalog: \(Self.root.path)/Pipelines/sessions.yml")
            .replacingOccurrences(of: "taxonomy: taxonomy.yml", with: "taxonomy: \(Self.root.path)/Pipelines/taxonomy.yml")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let line = try XCTUnwrap(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("keep_rnus:") }) + 1
        assertFails(
            try werksessies(["run", config.path]), status: 2,
            mentioning: "nightly.yml:\(line): unknown key 'keep_rnus'; did you mean 'keep_runs'?")
    }
}

/// File-system checks without Foundation's Objective-C booleans.
enum SystemCheck {
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}

extension CLITests {
    /// Runs the program and sends it `signal` as soon as a line of its stderr contains `marker`.
    static func launch(_ arguments: [String], signal: Int32, after marker: String) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = PendingRead(out.fileHandleForReading)
        var collected = Data()
        var signalled = false
        while true {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            collected.append(chunk)
            if !signalled, String(decoding: collected, as: UTF8.self).contains(marker) {
                kill(process.processIdentifier, signal)
                signalled = true
            }
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData.wait(), as: UTF8.self),
            stderr: String(decoding: collected, as: UTF8.self))
    }
}

extension CLITests {
    /// The state database on a small file system that fills up: the second night stops with exit 7 and
    /// publishes nothing; with space again the night runs and the state knows both runs.
    func testAFullStateFileSystemPublishesNothing() throws {
        let mount = dir.appendingPathComponent("state-fs")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        guard (try? Self.launch(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.path], executable: URL(fileURLWithPath: "/bin/mount")))?.status == 0
        else { throw XCTSkip("cannot mount a tmpfs here (needs root)") }
        defer { _ = try? Self.launch(["umount", mount.path], executable: URL(fileURLWithPath: "/bin/umount")) }
        let arguments = ["run", "Pipelines/nightly.yml", "--output", out.path, "--state", mount.appendingPathComponent("state.sqlite").path]
        XCTAssertEqual(try werksessies(arguments).status, 0)
        let latest = latestTarget()
        let filler = mount.appendingPathComponent("filler")
        FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = try FileHandle(forWritingTo: filler)
        let chunk = Data(repeating: 0, count: 16_384)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        try handle.close()
        assertFails(try werksessies(arguments + ["--allow-shrink"]), status: 7, mentioning: "state.sqlite")
        XCTAssertEqual(latestTarget(), latest)
        XCTAssertEqual(runFolders(), [latest!.replacingOccurrences(of: "runs/", with: "")], "nothing new in runs/")
        try FileManager.default.removeItem(at: filler)
        let again = try werksessies(arguments)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(latestTarget()?.hasPrefix("runs/000002-") ?? false, "\(latestTarget() ?? "-")")
    }
}
