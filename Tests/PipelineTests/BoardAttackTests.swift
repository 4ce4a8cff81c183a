import Configuration
import Foundation
import Ingest
import Logging
import Rules
import TestSupport
import WerksessiesModel
import XCTest

@testable import Pipeline

/// Tries to undo the board workbook's small-cell protection the way a curious reader would: from what the
/// sheets show (counts, "<5", "x", shares), the sums every reader knows hold (a session's family mix adds up to its
/// total, the sessions to the event's assigned count, the families' rank profiles to the event's, …) and the
/// bounds the markers give. Every hidden count must keep at least two possible values.
final class BoardAttackTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("werksessies-attack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    static let threshold = 5
    static let skewedDisciplines = ["architect", "architect", "architect", "architect", "stedenbouwkundige", "ecoloog", "kunstenaar",
                                    "archeoloog", "ontwikkelaar", "beleidsadviseur", "journalist", "onbekend beroep"]
    static let skewedInterests = ["Wonen; leefbaarheid", "Wonen", "Wonen", "Energietransitie", "erfgoed", "NOVI", "RES", "draagvlak", ""]

    /// A small, skewed export: most people in one discipline and one interest, a few odd ones out, cancellations and bad rows.
    func export(_ seed: UInt64, participants: Int) throws -> URL {
        try Self.export(seed, participants: participants, in: scratch)
    }

    /// The same export, written into `directory`.
    static func export(_ seed: UInt64, participants: Int, in directory: URL) throws -> URL {
        var rng = SplitMix64(seed: seed)
        var lines = ["E-mail,Naam,Organisatie,Vakgebied,Interessegebieden,Mandaat,Toestemming,Status"]
        for i in 0..<participants {
            let discipline = Self.skewedDisciplines[Int(rng.next() % UInt64(Self.skewedDisciplines.count))]
            let interests = Self.skewedInterests[Int(rng.next() % UInt64(Self.skewedInterests.count))]
            let status = rng.next() % 9 == 0 ? "Geannuleerd" : ""
            lines.append("p\(i)@example.nl,P \(i),Org \(rng.next() % 4),\(discipline),\"\(interests)\",\(rng.next() % 3 == 0 ? "Ja" : "Nee"),Ja,\(status)")
            if rng.next() % 7 == 0 { lines.append("p\(i)@example.nl,P \(i),Org,\(discipline),\"\(interests)\",Nee,Ja,") }
        }
        for i in 0..<Int(rng.next() % 4) { lines.append("not-an-email-\(i),X,Org,architect,Wonen,Ja,Ja,") }
        let url = directory.appendingPathComponent("export-\(seed).csv")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The Trend sheet's rows of a run's board by run id: registrants, assigned, waitlisted, mean Shannon as shown.
    static func trendRows(_ runFolder: String) throws -> [String: [String]] {
        let board = try WorkbookReadBack(path: runFolder + "/board.xlsx")
        let rows = board.rows(sheet: try XCTUnwrap(board.sheetNames.firstIndex(of: "Trend")))
        return Dictionary(rows.dropFirst().filter { $0.count >= 6 && !$0[0].isEmpty }.map { ($0[0], Array($0[2...5])) },
                          uniquingKeysWith: { a, _ in a })
    }

    func testNoHiddenCountOfAnyBoardCanBeWorkedOut() throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let config = try PipelineConfig.load(path: EndToEndTests.root.appendingPathComponent("Pipelines/nightly.yml").path)
        var hiddenSeen = 0
        var secondarySeen = 0
        var rowsAttacked = 0
        var indicesWithheldSeen = 0
        let instances: [(UInt64, Int, CapacityScale)] = [(1, 6, .none), (2, 9, .auto), (3, 14, .none), (4, 23, .auto), (5, 31, .none),
                                                       (6, 47, .auto), (7, 64, .none), (8, 12, .auto), (9, 90, .auto), (10, 3, .none), (11, 400, .auto)]
        for (seed, size, scale) in instances {
            let input = try export(seed, participants: size)
            let state = scratch.appendingPathComponent("state-\(seed).sqlite").path
            var outcome: RunOutcome?
            var trends: [[String: [String]]] = []
            // Two nights, so that the trend sheet has history and the changes sheet has counts.
            for night in 0..<2 {
                outcome = try NightlyRun(
                    config: config,
                    options: RunOptions(
                        inputs: [night == 0 ? input.path : try export(seed &+ 100, participants: size + 2).path],
                        output: scratch.appendingPathComponent("out-\(seed)").path, state: state, capacityScale: scale,
                        allowShrink: true, now: Date(timeIntervalSince1970: 1_750_000_000 + Double(night) * 86_400)),
                    logger: logger
                ).run()
                trends.append(try Self.trendRows(try XCTUnwrap(outcome).runFolder))
            }
            let run = try XCTUnwrap(outcome)
            // Across nights: the second board's Trend repeats the first night exactly as the first board showed it.
            let firstRun = try XCTUnwrap(trends[1].keys.first { $0 != run.runID })
            XCTAssertEqual(trends[1][firstRun], trends[0][firstRun], "instance \(seed): the first night's Trend row on the second board")
            let board = try WorkbookReadBack(path: run.runFolder + "/board.xlsx")
            var attack = BoardReading(board, threshold: Self.threshold)
            try attack.learnCatalog(of: config)
            try attack.checkMarkersAgainstTruth(run)
            try attack.checkChartsPlotNoHiddenFigure()
            let result = attack.attack()
            hiddenSeen += result.hidden
            secondarySeen += result.secondary
            if !result.recovered.isEmpty, let dump = ProcessInfo.processInfo.environment["ATTACK_DUMP"] {
                var text = ""
                for (name, rows) in attack.sheets.sorted(by: { $0.key < $1.key }) where name != "Steekwoorden" {
                    text += "== \(name)\n" + rows.map { $0.joined(separator: " | ") }.joined(separator: "\n") + "\n"
                }
                try text.write(toFile: dump + "-\(seed).txt", atomically: true, encoding: .utf8)
            }
            for cell in result.recovered {
                XCTFail("instance \(seed) (\(size) people): hidden \(cell.name) can be worked out as \(cell.value) (it is \(attack.truth[cell.name].map(String.init) ?? "?"))")
            }
            // Row by row, every completion that gives the shown figures (indices included) back: at least two must
            // remain; and nothing the other sheets repeat or plot gives more than the tables show.
            let failures = attack.problems + attack.rowsWithOneCompletion() + attack.chartDataShowsOnlyShownFigures()
                + attack.guideExplainsMarkers()
            for failure in failures { XCTFail("instance \(seed) (\(size) people): \(failure)") }
            rowsAttacked += Set(attack.cells.filter { $0.value == nil }.map { BoardReading.row(of: $0.name) }).count
            indicesWithheldSeen += attack.sessionsWithHiddenCounts()
            if size >= 400 {
                // Protection that holds without hiding everything: in a larger event the sessions' totals stay
                // readable (a share withheld costs less than a count, see ProtectedFigures.addDerived).
                let totals = attack.cells.filter { $0.name.hasPrefix("Familiemix/") && $0.name.hasSuffix("/Totaal") }
                XCTAssertGreaterThanOrEqual(totals.filter { $0.value != nil }.count, totals.count - 1, "instance \(seed): session totals shown")
            }
        }
        XCTAssertGreaterThan(hiddenSeen, 50, "the instances hide enough counts to make the attack meaningful")
        XCTAssertGreaterThan(secondarySeen, 5)
        XCTAssertGreaterThan(rowsAttacked, 20, "rows with hidden counts were enumerated")
        XCTAssertGreaterThan(indicesWithheldSeen, 5, "sessions with withheld indices were seen")
    }

    /// SampleData two nights running, and SampleData without its last three late registrations, then with them (the
    /// three are waitlisted): no session changes. The second board used to hide family counts the first one showed
    /// (Familiemix C7 = 5 and B9 = 6 with the same export): a reader of both boards read them off. A session that did
    /// not change now keeps the first board's pattern, and the second board still withstands the attack on its own.
    func testASessionThatDidNotChangeShowsWhatTheLastBoardShowed() throws {
        let root = EndToEndTests.root
        // The late file's bytes up to and including the line end before its last three lines.
        let late = try Data(contentsOf: root.appendingPathComponent("SampleData/late-registraties.csv"))
        let ends = late.indices.filter { late[$0] == UInt8(ascii: "\n") }
        let fewer = scratch.appendingPathComponent("late-fewer.csv")
        try late.prefix(through: ends[ends.count - 4]).write(to: fewer)
        let export = root.appendingPathComponent("SampleData/registraties.xlsx").path
        let all = root.appendingPathComponent("SampleData/late-registraties.csv").path
        try secondNightKeepsUnchangedSessions([export, all], [export, all], name: "same", newcomers: 0)
        try secondNightKeepsUnchangedSessions([export, fewer.path], [export, all], name: "waitlisted", newcomers: 3)
    }

    func secondNightKeepsUnchangedSessions(_ first: [String], _ second: [String], name: String, newcomers: Int) throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let config = try PipelineConfig.load(path: EndToEndTests.root.appendingPathComponent("Pipelines/nightly.yml").path)
        var boards: [WorkbookReadBack] = []
        var outcome: RunOutcome?
        for (night, nightInputs) in [first, second].enumerated() {
            outcome = try NightlyRun(
                config: config,
                options: RunOptions(
                    inputs: nightInputs, output: scratch.appendingPathComponent("out-\(name)").path,
                    state: scratch.appendingPathComponent("state-\(name).sqlite").path,
                    now: Date(timeIntervalSince1970: 1_750_000_000 + Double(night) * 86_400)),
                logger: logger
            ).run()
            boards.append(try WorkbookReadBack(path: try XCTUnwrap(outcome).runFolder + "/board.xlsx"))
        }
        let run = try XCTUnwrap(outcome)
        let changes = try CSVReader.read(path: run.runFolder + "/changes.csv").dropFirst()
        XCTAssertEqual(changes.count, newcomers, name)
        XCTAssertTrue(changes.allSatisfy { $0[2] == "new" && $0[4].isEmpty }, "\(name): newcomers are waitlisted, no session changed")
        for sheet in ["Familiemix", "Overzicht"] {
            var rows = boards.map { $0.rows(sheet: $0.sheetNames.firstIndex(of: sheet) ?? 0) }
            // The rounded diversity figures are each board's own decision (its attack on the row, decision 0011): the
            // same where both boards show them, and one board may show what the other withholds.
            if sheet == "Overzicht", let header = rows[0].first {
                let diversity = Set(BoardReading.indexHeaders.compactMap { header.firstIndex(of: $0) })
                for r in rows[0].indices where r < rows[1].count {
                    for c in diversity where c < rows[0][r].count && c < rows[1][r].count && (rows[0][r][c] == "x" || rows[1][r][c] == "x") {
                        (rows[0][r][c], rows[1][r][c]) = ("x", "x")
                    }
                }
            }
            XCTAssertEqual(rows[1], rows[0], "\(name), \(sheet): every session shows what the first board showed")
            XCTAssertTrue(rows[0].joined().contains("x") || rows[0].joined().contains("<5"), "\(sheet) hides counts")
        }
        var attack = BoardReading(boards[1], threshold: Self.threshold)
        try attack.learnCatalog(of: config)
        try attack.checkMarkersAgainstTruth(run)
        let result = attack.attack()
        XCTAssertGreaterThan(result.hidden, 5)
        for cell in result.recovered { XCTFail("\(name): hidden \(cell.name) can be worked out as \(cell.value)") }
        for failure in attack.problems + attack.rowsWithOneCompletion() + attack.chartDataShowsOnlyShownFigures() { XCTFail("\(name): \(failure)") }
    }
}

/// The board's sheets as a reader sees them, turned into unknowns, intervals and sums.
struct BoardReading {
    struct Cell {
        var name: String
        /// The value when shown; nil when hidden.
        var value: Int?
        var lower: Int
        var upper: Int
        var primary: Bool
    }

    static let unbounded = 1 << 30
    var cells: [Cell] = []
    /// Sums: Σ coefficient · cell = 0.
    var sums: [[(Int, Int)]] = []
    /// What the sheets that repeat figures give away or contradict.
    var problems: [String] = []
    /// Per session label, the labels of its home families (the families of its trekkers: the catalog is public).
    var homeFamilies: [String: Set<String>] = [:]
    /// Family id → label (the family mix's headers).
    var familyLabels: [String: String] = [:]
    /// The true counts behind the cells that the published CSVs give (for the messages).
    var truth: [String: Int] = [:]
    /// The true people per discipline and exact figures (for the diversity part of the attack).
    var diversityTruth: DiversityTruth?
    /// Session rows whose shown (or mean-narrowed) diversity the attack tried.
    var diversityRowsAttacked = 0
    var sameFamilyDistance = 0.5
    /// Discipline id → family id, for every discipline of the taxonomy.
    var disciplineFamilies: [String: String] = [:]
    let board: WorkbookReadBack
    let threshold: Int
    let sheets: [String: [[String]]]

    init(_ board: WorkbookReadBack, threshold: Int) {
        self.board = board
        self.threshold = threshold
        var sheets: [String: [[String]]] = [:]
        for (i, name) in board.sheetNames.enumerated() { sheets[name] = board.rows(sheet: i) }
        self.sheets = sheets
    }

    /// A shown figure as a cell: a number, "<5" or "x"; nil for anything else.
    mutating func cell(_ text: String, _ name: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t == "<\(threshold)" {
            // "<5": a count below the threshold, zero included (a zero is hidden too where it would give others away).
            cells.append(Cell(name: name, value: nil, lower: 0, upper: threshold - 1, primary: true))
        } else if t == "x" {
            cells.append(Cell(name: name, value: nil, lower: threshold, upper: Self.unbounded, primary: false))
        } else if let v = Double(t), v == v.rounded() {
            cells.append(Cell(name: name, value: Int(v), lower: Int(v), upper: Int(v), primary: false))
        } else {
            return nil
        }
        return cells.count - 1
    }

    /// Adds `Σ left = Σ right` when it can hold (a reader assumes the sums the report's layout implies).
    mutating func same(_ left: [Int?], _ right: [Int?]) {
        guard !left.contains(where: { $0 == nil }), !right.contains(where: { $0 == nil }) else { return }
        var terms: [Int: Int] = [:]
        for l in left { terms[l!, default: 0] += 1 }
        for r in right { terms[r!, default: 0] -= 1 }
        let sum = terms.filter { $0.value != 0 }.map { ($0.key, $0.value) }
        if !sum.isEmpty { sums.append(sum) }
    }

    func column(_ sheet: [[String]], _ header: String) -> Int? { sheet.first?.firstIndex(of: header) }

    /// Every figure and sum of the board.
    mutating func read() {
        // About: rows read = rejected + merged + registrants; registrants = cancelled + assigned + waitlisted.
        var about: [String: Int] = [:]
        for row in sheets["Over dit rapport"] ?? [] where row.count >= 2 {
            if let c = cell(row[1], "Over/\(row[0])") { about[row[0]] = c }
        }
        same([about["Rijen gelezen"]], [about["Afgewezen rijen"], about["Samengevoegde dubbelen"], about["Inschrijvers"]])
        same([about["Inschrijvers"]], [about["Geannuleerd"], about["Ingedeeld"], about["Wachtlijst"]])

        // Family mix: per session the families add up to the total, which is the overview's participants.
        let mix = sheets["Familiemix"] ?? []
        let families = Array((mix.first ?? []).dropFirst().dropLast())
        var familyColumns: [String: [Int]] = [:]
        var sessionTotals: [String: Int] = [:]
        for row in mix.dropFirst() where row.count == families.count + 2 && row[0].hasPrefix("Sessie") {
            var parts: [Int?] = []
            for (f, family) in families.enumerated() {
                let c = cell(row[f + 1], "Familiemix/\(row[0])/\(family)")
                parts.append(c)
                if let c { familyColumns[family, default: []].append(c) }
            }
            let total = cell(row[families.count + 1], "Familiemix/\(row[0])/Totaal")
            sessionTotals[row[0]] = total
            same([total], parts)
        }
        same([about["Ingedeeld"]], Array(sessionTotals.values))
        let overview = sheets["Overzicht"] ?? []
        let shares = ["Grootste familie-aandeel", "Grootste organisatie-aandeel", "Aandeel buiten comfortzone"].compactMap { column(overview, $0) }
        let distinct = ["Disciplines", "Organisaties", "Discipline onbekend"].compactMap { column(overview, $0) }
        if let p = column(overview, "Deelnemers") {
            for row in overview.dropFirst() where row.count > p && row[0].hasPrefix("Sessie") {
                let n = cell(row[p], "Overzicht/\(row[0])/Deelnemers")
                same([n], [sessionTotals[row[0]]])
                guard let n else { continue }
                // Distinct counts bound the participants from below; shares are multiples of 1/n.
                for d in distinct where d < row.count {
                    if let v = Int(row[d]) { cells[n].lower = max(cells[n].lower, v) }
                }
                let shown = shares.filter { $0 < row.count }.compactMap { Double(row[$0]) }.filter { $0 > 0 && $0 < 1 }
                if cells[n].value == nil, !shown.isEmpty {
                    let candidates = (cells[n].lower...min(cells[n].upper, 2_000)).filter { k in
                        shown.allSatisfy { abs($0 * Double(k) - ($0 * Double(k)).rounded()) < 1e-6 }
                    }
                    if let first = candidates.first, let last = candidates.last { cells[n].lower = first; cells[n].upper = last }
                }
                // The largest family share times a shown n gives the largest family's count.
                if let m = column(overview, "Grootste familie-aandeel"), m < row.count, let share = Double(row[m]), let total = cells[n].value,
                   let mixRow = mix.first(where: { $0.first == row[0] }) {
                    let largest = Int((share * Double(total)).rounded())
                    let visible = mixRow.dropFirst().dropLast().compactMap { Int($0) }.max() ?? 0
                    let prefix = "Familiemix/\(row[0])/"
                    func known(_ c: Int) -> Bool {
                        cells[c].name.hasPrefix(prefix) && !cells[c].name.hasSuffix("/Totaal") && !cells[c].name.hasSuffix("/onbekend")
                    }
                    let candidates = cells.indices.filter { known($0) && cells[$0].value == nil && cells[$0].upper >= largest }
                    if largest > visible, candidates.count == 1 { cells[candidates[0]].lower = largest; cells[candidates[0]].upper = largest }
                    for c in cells.indices where known(c) && cells[c].value == nil {
                        cells[c].upper = min(cells[c].upper, largest)
                    }
                }
            }
        }

        // Assignment quality: participants = waitlisted + ranks; the families add up to "Alle deelnemers"; a family's
        // ranks add up to its family-mix column; the event's waitlisted is About's.
        let quality = sheets["Kwaliteit indeling"] ?? []
        if let header = quality.first, let p = header.firstIndex(of: "Deelnemers"), let w = header.firstIndex(of: "Wachtlijst") {
            let rankColumns = header.indices.filter { header[$0].hasPrefix("Steekwoord-match nr. ") }
            var allRow: [Int?] = []
            var familyRows: [[Int?]] = []
            for row in quality.dropFirst() where row.count > w {
                let counts = ([p, w] + rankColumns).map { $0 < row.count ? cell(row[$0], "Kwaliteit/\(row[0])/\(header[$0])") : nil }
                same([counts[0]], Array(counts.dropFirst()))
                if row[0] == "Alle deelnemers" {
                    allRow = counts
                    same([counts[1]], [about["Wachtlijst"]])
                } else {
                    familyRows.append(counts)
                    if let column = familyColumns[row[0]] { same(Array(counts.dropFirst(2)), column.map { Optional($0) }) }
                }
            }
            if !allRow.isEmpty {
                for k in allRow.indices { same([allRow[k]], familyRows.map { $0.count > k ? $0[k] : nil }) }
            }
        }

        // Changes: the kinds add up to the total.
        let changes = (sheets["Wijzigingen"] ?? []).dropFirst().filter { $0.count >= 2 }
        var kindCells: [String: Int] = [:]
        let kinds = changes.filter { $0[0] != "Totaal" }.map { row in
            let c = cell(row[1], "Wijzigingen/\(row[0])")
            kindCells[row[0]] = c
            return c
        }
        if let total = changes.first(where: { $0[0] == "Totaal" }) { same([cell(total[1], "Wijzigingen/Totaal")], kinds) }

        // Data quality: the rejected rows are the missing and invalid e-mails; the merged duplicates their diagnostics.
        var dq: [String: Int] = [:]
        let dataQuality = sheets["Datakwaliteit"] ?? []
        let code = column(dataQuality, "Code"), count = column(dataQuality, "Aantal")
        XCTAssertNotNil(code.flatMap { _ in count }, "the data-quality sheet has a code and a count column")
        if let code, let count {
            let rows = dataQuality.dropFirst().filter { $0.count > max(code, count) && !$0[code].isEmpty }
            for row in rows { dq[row[code]] = cell(row[count], "Datakwaliteit/\(row[code])") }
            XCTAssertEqual(dq.count, rows.count, "every data-quality count is read, by its code")
        }
        same([about["Afgewezen rijen"]], [dq["missing_email"], dq["invalid_email"]].filter { $0 != nil })
        same([about["Samengevoegde dubbelen"]], [dq["duplicate_merged"]].filter { $0 != nil })

        // Trend: this run's row repeats About; registrants ≥ assigned + waitlisted (equal without cancellations).
        let trend = (sheets["Trend"] ?? []).dropFirst().filter { $0.count >= 5 }
        for (r, row) in trend.enumerated() {
            let values = (2...4).map { cell(row[$0], "Trend/\(r)/\($0)") }
            if r == trend.count - 1 {
                same([values[0]], [about["Inschrijvers"]])
                same([values[1]], [about["Ingedeeld"]])
                same([values[2]], [about["Wachtlijst"]])
            }
        }

        readDashboard(about: about, changes: kindCells)
        readComparison(about: about)
        readKeywordBounds(sessionTotals: sessionTotals)
        readOutsideShares()
    }

    /// Every chart series refers to cells that hold numbers (or nothing): never to "<5" or "x", which a chart plots as 0.
    func checkChartsPlotNoHiddenFigure() throws {
        for part in board.chartParts {
            let xml = board.text(part)
            let references = xml.components(separatedBy: "<c:f>").dropFirst().compactMap { $0.components(separatedBy: "</c:f>").first }
            XCTAssertFalse(references.isEmpty, part)
            var values = 0
            defer { XCTAssertGreaterThan(values, 0, "\(part) has value ranges") }
            // Values of bar, column and line charts (<c:val>), and of the trend's scatter charts (<c:xVal>, <c:yVal>).
            for reference in references where ["val", "xVal", "yVal"].contains(where: { xml.contains("<c:\($0)><c:numRef><c:f>\(reference)</c:f>") }) {
                values += 1
                guard let bang = reference.lastIndex(of: "!") else { continue }
                let sheet = reference[..<bang].trimmingCharacters(in: CharacterSet(charactersIn: "'")).replacingOccurrences(of: "''", with: "'")
                let corners = reference[reference.index(after: bang)...].replacingOccurrences(of: "$", with: "").split(separator: ":")
                let rows = try XCTUnwrap(sheets[sheet], "\(part) refers to \(sheet)")
                let from = WorkbookReadBackPosition.position(String(corners[0])), to = WorkbookReadBackPosition.position(String(corners.last!))
                for r in from.row...to.row {
                    for c in from.column...to.column {
                        let value = r < rows.count && c < rows[r].count ? rows[r][c] : ""
                        XCTAssertTrue(value.isEmpty || Double(value) != nil, "\(part) plots \(sheet) row \(r + 1) column \(c + 1): \(value)")
                    }
                }
            }
        }
    }

    /// The shown counts that the true data contradicts ("<5" for five or more, a wrong number).
    mutating func checkMarkersAgainstTruth(_ run: RunOutcome) throws {
        read()
        let c = run.manifest.counts
        let truth: [String: Int] = [
            "Over/Rijen gelezen": c.rowsRead, "Over/Afgewezen rijen": c.rejected, "Over/Samengevoegde dubbelen": c.duplicatesMerged,
            "Over/Inschrijvers": c.registrants, "Over/Geannuleerd": c.cancelled, "Over/Ingedeeld": c.assigned, "Over/Wachtlijst": c.waitlisted,
            "Dashboard/Over/Inschrijvers": c.registrants, "Dashboard/Over/Ingedeeld": c.assigned, "Dashboard/Over/Wachtlijst": c.waitlisted,
            "Vergelijking/Wachtlijst": c.waitlisted,
        ]
        let rows = try CSVReader.read(path: run.runFolder + "/assignments.csv")
        let session = rows[0].firstIndex(of: "session")!
        var perSession: [String: Int] = [:]
        let family = rows[0].firstIndex(of: "discipline_family")!
        for row in rows.dropFirst() where !row[session].isEmpty {
            perSession["Familiemix/Sessie \(row[session])/Totaal", default: 0] += 1
            perSession["Familiemix/Sessie \(row[session])/\(row[family].isEmpty ? "onbekend" : familyLabels[row[family]] ?? row[family])", default: 0] += 1
        }
        // The changes per kind, on their sheet and on the dashboard.
        var truthChanges: [String: Int] = [:]
        let changeRows = try CSVReader.read(path: run.runFolder + "/changes.csv")
        if let kind = changeRows.first?.firstIndex(of: "change") {
            let names = ["new": "nieuw", "moved": "verplaatst", "cancelled": "geannuleerd", "waitlisted": "op wachtlijst", "promoted": "van wachtlijst geplaatst"]
            for row in changeRows.dropFirst() where kind < row.count { truthChanges[names[row[kind]] ?? row[kind], default: 0] += 1 }
        }
        for cell in cells where cell.name.hasPrefix("Wijzigingen/") || cell.name.hasPrefix("Dashboard/Wijzigingen/") {
            let kind = String(cell.name.split(separator: "/").last ?? "")
            let expected = kind == "Totaal" ? truthChanges.values.reduce(0, +) : truthChanges[kind, default: 0]
            if let shown = cell.value { XCTAssertEqual(shown, expected, cell.name) } else if cell.primary {
                XCTAssertTrue(expected < threshold, "\(cell.name) shows <\(threshold) for \(expected)")
            } else {
                XCTAssertGreaterThanOrEqual(expected, threshold, "\(cell.name) shows x for \(expected)")
            }
        }
        self.truth = truth.merging(perSession) { a, _ in a }
        diversityTruth = try DiversityTruth(runFolder: run.runFolder, familyLabels: familyLabels, disciplines: disciplineFamilies,
                                            sameFamilyDistance: sameFamilyDistance)
        for cell in cells {
            guard let expected = truth[cell.name] ?? (cell.name.hasPrefix("Familiemix/") ? perSession[cell.name, default: 0] : nil) else { continue }
            if let shown = cell.value {
                XCTAssertEqual(shown, expected, cell.name)
            } else if cell.primary {
                XCTAssertTrue(expected < threshold, "\(cell.name) shows <\(threshold) for \(expected)")
            } else {
                XCTAssertGreaterThanOrEqual(expected, threshold, "\(cell.name) shows x for \(expected)")
            }
        }
    }

    /// Narrows every hidden count through the sums (intervals, then elimination); returns those pinned to one value.
    mutating func attack() -> (recovered: [(name: String, value: Int)], hidden: Int, secondary: Int) {
        var changed = true
        var rounds = 0
        while changed && rounds < 500 {
            changed = false
            rounds += 1
            for sum in sums {
                var low = 0, high = 0
                for (i, k) in sum {
                    low += k > 0 ? k * cells[i].lower : k * cells[i].upper
                    high += k > 0 ? k * cells[i].upper : k * cells[i].lower
                }
                for (i, k) in sum where cells[i].value == nil && abs(k) == 1 {
                    let ownLow = k > 0 ? cells[i].lower : -cells[i].upper, ownHigh = k > 0 ? cells[i].upper : -cells[i].lower
                    let restLow = -(high - ownHigh), restHigh = -(low - ownLow)
                    let (l, h) = k > 0 ? (restLow, restHigh) : (-restHigh, -restLow)
                    if l > cells[i].lower { cells[i].lower = l; changed = true }
                    if h < cells[i].upper { cells[i].upper = max(h, cells[i].lower); changed = true }
                }
            }
        }
        var recovered = cells.filter { $0.value == nil && $0.lower == $0.upper }.map { (name: $0.name, value: $0.lower) }
        recovered += eliminated()
        let hidden = cells.filter { $0.value == nil }
        return (recovered, hidden.count, hidden.filter { !$0.primary }.count)
    }

    /// Hidden counts fixed by a combination of the sums (a unit row in the reduced row echelon form).
    func eliminated() -> [(name: String, value: Int)] {
        let unknowns = cells.indices.filter { cells[$0].value == nil }
        let position = Dictionary(uniqueKeysWithValues: unknowns.enumerated().map { ($1, $0) })
        var rows: [[Double]] = sums.compactMap { sum in
            var row = [Double](repeating: 0, count: unknowns.count + 1)
            var any = false
            for (i, k) in sum {
                if let p = position[i] { row[p] += Double(k); any = true } else { row[unknowns.count] -= Double(k * cells[i].value!) }
            }
            return any ? row : nil
        }
        var pivots: [(Int, Int)] = []
        var r = 0
        for c in 0..<unknowns.count where r < rows.count {
            guard let best = (r..<rows.count).max(by: { abs(rows[$0][c]) < abs(rows[$1][c]) }), abs(rows[best][c]) > 1e-9 else { continue }
            rows.swapAt(r, best)
            let p = rows[r][c]
            for j in rows[r].indices { rows[r][j] /= p }
            for o in rows.indices where o != r && abs(rows[o][c]) > 1e-12 {
                let f = rows[o][c]
                for j in rows[o].indices { rows[o][j] -= f * rows[r][j] }
            }
            pivots.append((r, c))
            r += 1
        }
        return pivots.filter { row, c in (0..<unknowns.count).allSatisfy { $0 == c || abs(rows[row][$0]) < 1e-9 } }
            .map { row, c in (name: cells[unknowns[c]].name, value: Int(rows[row][unknowns.count].rounded())) }
    }
}

/// "AB12" → 0-based row and column.
enum WorkbookReadBackPosition {
    static func position(_ reference: String) -> (row: Int, column: Int) {
        var column = 0, row = 0
        for scalar in reference.unicodeScalars {
            if let digit = Int(String(scalar)) { row = row * 10 + digit } else { column = column * 26 + Int(scalar.value) - 64 }
        }
        return (row - 1, column - 1)
    }
}
