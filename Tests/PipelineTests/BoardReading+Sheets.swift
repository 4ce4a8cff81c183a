import Foundation

/// The board sheets that repeat or derive figures of the others: the dashboard, the comparison with a lottery, the
/// keywords (bounds on the sessions' totals) and the chart data. Their counts join the attack as further cells tied
/// to the figures they repeat; what they show besides counts must follow from what the other sheets show.
extension BoardReading {
    static let markersAndCounts = CharacterSet(charactersIn: "0123456789<x")

    /// A figure as shown: its number, or nil for a marker, an empty cell or text.
    static func number(_ text: String) -> Double? { Double(text.trimmingCharacters(in: .whitespaces)) }

    /// The text of a sheet's cell by the row's first cell and the column's header.
    func shown(_ sheet: String, _ key: String, _ header: String) -> String? {
        guard let rows = sheets[sheet], let h = rows.first?.firstIndex(of: header),
              let line = rows.first(where: { $0.first == key }), h < line.count else { return nil }
        return line[h]
    }

    /// The counts and markers a sentence holds, in order ("12", "<5", "x"; "95%" and words left out).
    static func countTokens(_ sentence: String) -> [String] {
        sentence.components(separatedBy: .whitespaces)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ":;,.()+−-/")) }
            .filter { !$0.isEmpty && ($0 == "x" || Int($0) != nil || ($0.hasPrefix("<") && Int($0.dropFirst()) != nil)) }
    }

    /// Dashboard: the headline counts are About's, the changes since last night are the changes sheet's (as cells
    /// of the attack, with the same markers), the sentences repeat them, and the mean evenness is the mean of the
    /// evenness the overview shows (a mean over a withheld index would give it away).
    mutating func readDashboard(about: [String: Int], changes: [String: Int]) {
        guard let rows = sheets["Dashboard"] else { return problems.append("Dashboard: no such sheet") }
        let reading = self
        func aboutText(_ label: String) -> String { reading.shown("Over dit rapport", label, "Waarde") ?? "" }
        func changeText(_ kind: String) -> String { reading.shown("Wijzigingen", kind, "Aantal") ?? "" }
        for label in ["Inschrijvers", "Ingedeeld", "Wachtlijst"] {
            guard let row = rows.first(where: { $0.first == label }), row.count > 1 else {
                problems.append("Dashboard: no line \(label)")
                continue
            }
            same([cell(row[1], "Dashboard/Over/\(label)")], [about[label]])
            if row[1] != aboutText(label) { problems.append("Dashboard: \(label) shows \(row[1]), About \(aboutText(label))") }
        }
        if let row = rows.first(where: { $0.first == "Sinds de vorige run" }), row.count > 2, row[1] != "—" {
            let shownChanges = Self.countTokens(row[1]) + Self.countTokens(row[2])
            for (k, kind) in ["nieuw", "geannuleerd", "verplaatst"].enumerated() {
                guard k < shownChanges.count else { problems.append("Dashboard: \(kind) missing in \(row[1]) \(row[2])"); continue }
                same([cell(shownChanges[k], "Dashboard/Wijzigingen/\(kind)")], [changes[kind]])
                if shownChanges[k] != changeText(kind) { problems.append("Dashboard: \(kind) shows \(shownChanges[k]), Wijzigingen \(changeText(kind))") }
            }
        }
        let sentences = rows.dropFirst(11).compactMap(\.first).filter { !$0.isEmpty }
        if let first = sentences.first(where: { $0.hasPrefix("Vannacht") }) {
            let tokens = Self.countTokens(first)
            let expected = [aboutText("Inschrijvers"), aboutText("Ingedeeld"), tokens.count > 2 ? tokens[2] : "", tokens.count > 3 ? tokens[3] : "", aboutText("Wachtlijst")]
            if tokens != expected { problems.append("Dashboard: \"\(first)\" does not repeat About (\(expected))") }
        }
        if let last = sentences.first(where: { $0.hasPrefix("Sinds de vorige run") }) {
            let expected = ["nieuw", "geannuleerd", "verplaatst"].map(changeText)
            if Self.countTokens(last) != expected { problems.append("Dashboard: \"\(last)\" does not repeat Wijzigingen (\(expected))") }
        }
        if sentences.contains(where: { $0.hasPrefix("Van wie interesses opgaf") }),
           shown("Kwaliteit indeling", "Alle deelnemers", "Aandeel met match").flatMap(Self.number) == nil {
            problems.append("Dashboard: the sentence on matches gives the shares the quality sheet withholds")
        }
        if let row = rows.first(where: { $0.first == "Gem. gelijkmatigheid disciplines" }), row.count > 1, let mean = Self.number(row[1]) {
            let evenness = (sheets["Overzicht"] ?? []).dropFirst().compactMap { line -> Double? in
                guard let h = sheets["Overzicht"]?.first?.firstIndex(of: "Gelijkmatigheid"), h < line.count else { return nil }
                return Self.number(line[h])
            }
            // Both rounded to two decimals: the mean of the shown ones within a hundredth of the shown mean.
            if evenness.isEmpty || abs(evenness.reduce(0, +) / Double(evenness.count) - mean) > 0.01 + 1e-9 {
                problems.append("Dashboard: mean evenness \(mean) is not the mean of the evenness the overview shows \(evenness)")
            }
        }
    }

    /// Comparison with a lottery: this assignment's waitlisted count is About's (a cell of the attack, same marker);
    /// its shares are withheld where the quality sheet's are; a withheld figure's verdict is withheld too. (Its means
    /// over the sessions are checked with the rows, `rowsWithOneCompletion`.)
    mutating func readComparison(about: [String: Int]) {
        guard let comparison = sheets["Vergelijking met loting"], let k = column(comparison, "Deze indeling"),
              let verdict = column(comparison, "Beter dan loting?") else { return }
        for row in comparison where row.count > max(k, verdict) {
            switch row[0] {
            case "Op de wachtlijst":
                same([cell(row[k], "Vergelijking/Wachtlijst")], [about["Wachtlijst"]])
                let about = shown("Over dit rapport", "Wachtlijst", "Waarde") ?? ""
                if (about == "x" || about.hasPrefix("<")) && row[k] != about {
                    problems.append("Vergelijking: waitlisted shows \(row[k]) where About shows \(about)")
                }
                if row[k] == "x" && row[verdict] != "x" { problems.append("Vergelijking: the verdict on a withheld waitlisted count is shown") }
            case "Ingedeeld op een eigen interesse", "Buiten de eigen comfortzone":
                let header = row[0] == "Buiten de eigen comfortzone" ? "Aandeel buiten comfortzone" : "Aandeel met match"
                if shown("Kwaliteit indeling", "Alle deelnemers", header) == "x", row[k] != "x" {
                    problems.append("Vergelijking: \(row[0]) is shown where the quality sheet withholds it")
                }
                if row[k] == "x" && row[verdict] != "x" { problems.append("Vergelijking: the verdict on withheld \(row[0]) is shown") }
            default:
                if row[k] == "x" && row[verdict] != "x" { problems.append("Vergelijking: the verdict on withheld \(row[0]) is shown") }
            }
        }
    }

    /// Keywords: no session keyword is held by more people than the session has, so the largest shown count bounds
    /// the session's total from below.
    mutating func readKeywordBounds(sessionTotals: [String: Int]) {
        guard let keywords = sheets["Steekwoorden"], let header = keywords.first else { return }
        for (c, session) in header.enumerated() where c > 0 {
            guard let total = sessionTotals[session] else { continue }
            let largest = keywords.dropFirst().compactMap { c < $0.count ? Int($0[c]) : nil }.max() ?? 0
            if cells[total].value == nil { cells[total].lower = max(cells[total].lower, largest) }
        }
    }

    /// The chart data's blocks: a header row ("" then the series), then one row per category.
    var chartBlocks: [(series: [String], rows: [[String]])] {
        var blocks: [(series: [String], rows: [[String]])] = []
        var open = false
        for row in sheets["Grafiekgegevens"] ?? [] {
            if row.count > 1, row[0].isEmpty {
                blocks.append((Array(row.dropFirst()), []))
                open = true
            } else if row.allSatisfy(\.isEmpty) {
                open = false
            } else if open {
                blocks[blocks.count - 1].rows.append(row)
            }
        }
        return blocks
    }

    /// Every value on the chart-data sheet is a figure another sheet shows, or a difference of shown figures
    /// ("overig"): the charts plot nothing the tables withhold. Returns what fails.
    func chartDataShowsOnlyShownFigures() -> [String] {
        var failures: [String] = []
        let overview = sheets["Overzicht"] ?? [], mix = sheets["Familiemix"] ?? [], trend = sheets["Trend"] ?? []
        let quality = sheets["Kwaliteit indeling"] ?? []
        for block in chartBlocks {
            for row in block.rows {
                let category = row[0]
                let values = block.series.indices.map { $0 + 1 < row.count ? Self.number(row[$0 + 1]) : nil }
                for (s, name) in block.series.enumerated() {
                    guard let value = values[s], name != "Datum" else { continue }
                    var expected: Double?
                    if overview.contains(where: { $0.first == category }) {
                        let others = block.series.indices.filter { $0 != s }.map { values[$0] }
                        // "overig": the session's total minus the families plotted for it (a hidden one is a gap).
                        if name == "overig", let total = shown("Familiemix", category, "Totaal").flatMap(Self.number) {
                            expected = total - others.compactMap { $0 }.reduce(0, +)
                        } else if column(overview, name == "Plaatsen" ? "Capaciteit" : name) != nil {
                            expected = shown("Overzicht", category, name == "Plaatsen" ? "Capaciteit" : name).flatMap(Self.number)
                        } else if column(mix, name) != nil {
                            expected = shown("Familiemix", category, name).flatMap(Self.number)
                        }
                    } else if trend.contains(where: { $0.first == category }) {
                        expected = shown("Trend", category, name).flatMap(Self.number)
                    } else if name == "Alle deelnemers", let header = quality.first {
                        if category == "overig" {
                            let ranks = block.rows.filter { $0[0] != "overig" }.map { $0.count > 1 ? Self.number($0[1]) : nil }
                            if let p = shown("Kwaliteit indeling", name, "Deelnemers").flatMap(Self.number),
                               let w = shown("Kwaliteit indeling", name, "Wachtlijst").flatMap(Self.number), !ranks.contains(nil) {
                                expected = p - w - ranks.reduce(0) { $0 + $1! }
                            }
                        } else if header.contains(category) {
                            expected = shown("Kwaliteit indeling", name, category).flatMap(Self.number)
                        }
                    }
                    guard let expected else {
                        failures.append("Grafiekgegevens: \(name) of \(category) is plotted (\(value)) but no sheet shows it")
                        continue
                    }
                    if abs(expected - value) > 1e-9 { failures.append("Grafiekgegevens: \(name) of \(category) is \(value), the sheets show \(expected)") }
                }
            }
        }
        return failures
    }

    /// The reading guide explains both markers, and shows no figure.
    func guideExplainsMarkers() -> [String] {
        let guide = sheets["Leeswijzer"] ?? []
        var failures: [String] = []
        for marker in ["<\(threshold)", "x"] where !guide.contains(where: { $0.first == marker && $0.count > 1 && !$0[1].isEmpty }) {
            failures.append("Leeswijzer: no line explains \(marker)")
        }
        for row in guide { for text in row where Self.number(text) != nil { failures.append("Leeswijzer shows a figure: \(text)") } }
        return failures
    }
}

extension BoardReading {
    /// Outside-comfort-zone shares as counts: a reader who knows who leads each session knows its home families,
    /// and the people outside their comfort zone are those of the known families that are not. Per session
    /// (share × participants = its non-home families' counts), per family (share × assigned = its counts in the
    /// sessions it does not lead) and for everyone.
    mutating func readOutsideShares() {
        guard !homeFamilies.isEmpty, let mix = sheets["Familiemix"], let header = mix.first else { return }
        var byName: [String: Int] = [:]
        for i in cells.indices where byName[cells[i].name] == nil { byName[cells[i].name] = i }
        let known = Array(header.dropFirst().dropLast()).filter { $0 != "onbekend" }
        let sessions = mix.dropFirst().compactMap(\.first).filter { $0.hasPrefix("Sessie") }
        func outside(_ name: String, share: String?, of n: Int?) -> Int? {
            guard let share = share.flatMap(Self.number), let n else { return nil }
            let count = Int((share * Double(n)).rounded())
            cells.append(Cell(name: name, value: count, lower: count, upper: count, primary: false))
            return cells.count - 1
        }
        var everyone: [Int?] = []
        for session in sessions {
            let home = homeFamilies[session] ?? []
            let parts = known.filter { !home.contains($0) }.map { byName["Familiemix/\(session)/\($0)"] }
            everyone += parts
            let n = byName["Overzicht/\(session)/Deelnemers"].flatMap { cells[$0].value }
            if let c = outside("Overzicht/\(session)/Buiten comfortzone", share: shown("Overzicht", session, "Aandeel buiten comfortzone"), of: n) {
                same([c], parts)
            }
        }
        for group in (sheets["Kwaliteit indeling"] ?? []).dropFirst().compactMap(\.first) {
            let p = byName["Kwaliteit/\(group)/Deelnemers"].flatMap { cells[$0].value }
            let w = byName["Kwaliteit/\(group)/Wachtlijst"].flatMap { cells[$0].value }
            let assigned = p.flatMap { p in w.map { p - $0 } }
            let parts = group == "Alle deelnemers" ? everyone
                : known.contains(group) ? sessions.filter { !(homeFamilies[$0] ?? []).contains(group) }.map { byName["Familiemix/\($0)/\(group)"] } : []
            guard !parts.isEmpty,
                  let c = outside("Kwaliteit/\(group)/Buiten comfortzone", share: shown("Kwaliteit indeling", group, "Aandeel buiten comfortzone"), of: assigned)
            else { continue }
            same([c], parts)
        }
    }
}
