import Foundation

/// The second half of the attack: row by row, every completion of the hidden counts that agrees with everything the
/// board shows. A row is one session (its family mix and its overview line), one quality group, one trend run, the
/// About sheet, the changes or the data quality. Besides the sums (with the intervals the first half narrowed), a
/// completion must give the row's shown figures back: the largest family share, the shares (multiples of 1/n), the
/// distinct counts (at most n), the worst rank (no one ranked below it, someone at it). A session row whose diversity
/// figures are shown (rounded), or whose withheld figures the shown means narrow, must do more: every hidden count
/// of its family mix must keep a second value for which people per discipline exist that give those figures back
/// (`closedCells`).
extension BoardReading {
    static let indexHeaders = ["Shannon H", "Gelijkmatigheid", "Gini-Simpson", "Inverse Simpson", "Rao-Stirling", "Rao-Stirling effectief", "Disciplines"]

    /// The row a cell belongs to.
    static func row(of name: String) -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts[0] {
        case "Familiemix", "Overzicht": return "sessie/" + parts[1]
        case "Kwaliteit", "Trend": return parts[0] + "/" + parts[1]
        // The dashboard's and the comparison's copies belong to the row they repeat.
        case "Dashboard": return parts[1]
        case "Vergelijking": return "Over"
        default: return parts[0]
        }
    }

    /// A sum can still hold: the `values` assigned so far plus the intervals of every other hidden cell reach 0.
    func canHold(_ sum: [(Int, Int)], _ values: [Int: Int]) -> Bool {
        var low = 0, high = 0
        for (i, k) in sum {
            let (l, h) = values[i].map { ($0, $0) } ?? (cells[i].value.map { ($0, $0) } ?? (cells[i].lower, cells[i].upper))
            low += k > 0 ? k * l : k * h
            high += k > 0 ? k * h : k * l
        }
        return low <= 0 && 0 <= high
    }

    /// Rows whose hidden counts have a single completion, with why (for a session row whose diversity the board
    /// shows: a hidden count with a single value, `closedCells`).
    mutating func rowsWithOneCompletion() -> [String] {
        var rows: [String: [Int]] = [:]
        for i in cells.indices { rows[Self.row(of: cells[i].name), default: []].append(i) }
        var failures: [String] = []
        for (row, members) in rows.sorted(by: { $0.key < $1.key }) where members.contains(where: { cells[$0].value == nil }) {
            let checks = checks(row, members)
            let session = String(row.dropFirst("sessie/".count))
            // A session whose diversity figures are shown (rounded), or whose withheld figures the shown means narrow:
            // every hidden count must keep a second value whose people per discipline give those figures back.
            if row.hasPrefix("sessie/"), let shown = shownDiversity(session) ?? diversityTruth.flatMap({ meanRanges(session, truth: $0) }) {
                guard let truth = diversityTruth else {
                    failures.append("\(row): diversity is shown though a count of the row is hidden, and the truth is not read")
                    continue
                }
                let what = shownIndex(row).map { "\($0) is shown" } ?? "the means over the sessions are shown"
                for cell in closedCells(row, members, checks: checks, shown: shown, truth: truth) {
                    failures.append("\(row): \(what) and hidden \(cell) keeps a single value")
                }
                diversityRowsAttacked += 1
                continue
            }
            let count = completions(members, checks: checks)
            if count < 2 { failures.append("\(row): \(count) completion(s) of its hidden counts") }
        }
        return failures
    }

    /// Sessions with a hidden count in their family mix.
    func sessionsWithHiddenCounts() -> Int {
        Set(cells.filter { $0.value == nil && $0.name.hasPrefix("Familiemix/") }.map { Self.row(of: $0.name) }).count
    }

    /// A diversity index or distinct discipline count shown on the overview line of a session row.
    func shownIndex(_ row: String) -> String? {
        guard row.hasPrefix("sessie/"), let overview = sheets["Overzicht"], let header = overview.first else { return nil }
        let session = String(row.dropFirst("sessie/".count))
        guard let line = overview.first(where: { $0.first == session }) else { return nil }
        return Self.indexHeaders.first { h in header.firstIndex(of: h).map { $0 < line.count && Double(line[$0]) != nil } ?? false }
    }

    /// What a completion of a row must give back besides the sums.
    func checks(_ row: String, _ members: [Int]) -> [([Int: Int]) -> Bool] {
        func cell(_ suffix: String) -> Int? { members.first { cells[$0].name.hasSuffix("/" + suffix) } }
        var checks: [([Int: Int]) -> Bool] = []
        if row.hasPrefix("sessie/") {
            let session = String(row.dropFirst("sessie/".count))
            guard let total = cell("Totaal") ?? cell("Deelnemers") else { return [] }
            let families = members.filter {
                cells[$0].name.hasPrefix("Familiemix/") && !cells[$0].name.hasSuffix("/Totaal") && !cells[$0].name.hasSuffix("/onbekend")
            }
            if let text = shown("Overzicht", session, "Grootste familie-aandeel"), let share = Double(text) {
                checks.append { v in
                    let n = v[total]!, largest = families.map { v[$0]! }.max() ?? 0
                    return n == 0 ? share == 0 : abs(Double(largest) / Double(n) - share) < 1e-9
                }
            }
            for header in ["Grootste organisatie-aandeel", "Aandeel buiten comfortzone"] {
                guard let text = shown("Overzicht", session, header), let share = Double(text), share > 0 else { continue }
                checks.append { v in let n = Double(v[total]!); return n > 0 && abs(share * n - (share * n).rounded()) < 1e-6 }
            }
            for header in ["Organisaties", "Disciplines", "Discipline onbekend"] {
                guard let text = shown("Overzicht", session, header), let distinct = Int(text) else { continue }
                checks.append { v in v[total]! >= distinct }
            }
            if let text = shown("Overzicht", session, "Disciplines"), let distinct = Int(text) {
                checks.append { v in families.filter { v[$0]! > 0 }.count <= distinct }
            }
        } else if row.hasPrefix("Kwaliteit/") {
            let group = String(row.dropFirst("Kwaliteit/".count))
            guard let text = shown("Kwaliteit indeling", group, "Laagste steekwoord-match"), let worst = Int(text) else { return [] }
            for i in members {
                guard cells[i].name.contains("/Steekwoord-match nr. "),
                      let k = cells[i].name.components(separatedBy: "/Steekwoord-match nr. ").last.flatMap({ Int($0) }) else { continue }
                if k > worst { checks.append { v in v[i]! == 0 } }
                if k == worst, worst > 0 { checks.append { v in v[i]! >= 1 } }
            }
        }
        return checks
    }

    /// The number of completions of a row's hidden counts (counting stops at 2; a range wider than 400 counts as 2).
    func completions(_ members: [Int], checks: [([Int: Int]) -> Bool]) -> Int {
        let unknown = members.filter { cells[$0].value == nil }.sorted { cells[$0].upper - cells[$0].lower < cells[$1].upper - cells[$1].lower }
        if unknown.contains(where: { cells[$0].upper - cells[$0].lower > 400 }) { return 2 }
        var values: [Int: Int] = [:]
        for i in members where cells[i].value != nil { values[i] = cells[i].value }
        let touching = sums.filter { sum in sum.contains { unknown.contains($0.0) } }
        var found = 0
        func search(_ depth: Int) {
            guard found < 2 else { return }
            if depth == unknown.count {
                if checks.allSatisfy({ $0(values) }) { found += 1 }
                return
            }
            let i = unknown[depth]
            for value in cells[i].lower...cells[i].upper {
                values[i] = value
                if touching.allSatisfy({ !$0.contains { $0.0 == i } || canHold($0, values) }) { search(depth + 1) }
                if found >= 2 { break }
            }
            values[i] = nil
        }
        search(0)
        return found
    }
}
