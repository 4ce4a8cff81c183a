import Foundation
import Ingest
import TestSupport
import WerksessiesModel

/// What the attack needs to try the rounded diversity figures: the true people per discipline of every session (from
/// assignments.csv: a completion the attacker cannot rule out is one whose people per discipline give the shown
/// figures back, and the truth is where such people are found) and the exact figures of the sessions.
struct DiversityTruth {
    /// Session label ("Sessie 3") → discipline id → people.
    var counts: [String: [String: Int]] = [:]
    /// Discipline id → the family's label (the family mix's header), for every discipline of the taxonomy.
    var family: [String: String] = [:]
    /// Session label → exact figures (session_metrics.csv): Shannon, Gini-Simpson, Rao-Stirling.
    var exact: [String: (shannon: Double, giniSimpson: Double, raoStirling: Double, participants: Int)] = [:]
    var sameFamilyDistance = 0.5
    /// Distinct disciplines among everyone assigned (evenness is Shannon over its logarithm).
    var eventDisciplines: Int { Set(counts.values.flatMap { $0.filter { $0.value > 0 }.keys }).count }

    /// Reads a run's assignments.csv and session_metrics.csv.
    init(runFolder: String, familyLabels: [String: String], disciplines: [String: String], sameFamilyDistance: Double) throws {
        self.sameFamilyDistance = sameFamilyDistance
        // Every discipline of the taxonomy (a reader may put people in one nobody holds).
        family = disciplines.mapValues { familyLabels[$0] ?? $0 }
        let rows = try CSVReader.read(path: runFolder + "/assignments.csv")
        let header = rows[0]
        guard let session = header.firstIndex(of: "session"), let discipline = header.firstIndex(of: "discipline"),
              let family = header.firstIndex(of: "discipline_family") else { return }
        for row in rows.dropFirst() where !row[session].isEmpty && !row[discipline].isEmpty {
            counts["Sessie \(row[session])", default: [:]][row[discipline], default: 0] += 1
            self.family[row[discipline]] = familyLabels[row[family]] ?? row[family]
        }
        let metrics = try CSVReader.read(path: runFolder + "/session_metrics.csv")
        let m = metrics[0]
        guard let s = m.firstIndex(of: "session"), let h = m.firstIndex(of: "shannon"), let g = m.firstIndex(of: "gini_simpson"),
              let r = m.firstIndex(of: "rao_stirling"), let p = m.firstIndex(of: "participants") else { return }
        for row in metrics.dropFirst() {
            exact["Sessie \(row[s])"] = (Double(row[h]) ?? 0, Double(row[g]) ?? 0, Double(row[r]) ?? 0, Int(row[p]) ?? 0)
        }
    }

    /// The board's diversity figures of people per discipline (by the overview's headers), computed as the product
    /// computes them (a figure on a rounding boundary must round the same way): Shannon −Σ p ln p over the disciplines
    /// in id order, evenness H / ln K (K the event's disciplines), Gini-Simpson and Rao-Stirling through
    /// `DisciplineDistance` (integer sums of squares: RS = 1 − d·Σpᵢ² − (1 − d)·Σ P_F²), inverse Simpson 1 / Σ p²,
    /// Rao-Stirling's effective number 1 / (1 − RS), the distinct disciplines.
    func figures(_ people: [String: Int]) -> [String: Double] {
        let present = people.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        let counts = present.map(\.value)
        let total = counts.reduce(0, +)
        guard total > 0 else { return [:] }
        var shannon = 0.0
        for count in counts {
            let p = Double(count) / Double(total)
            shannon -= p * log(p)
        }
        var perFamily: [String: Int] = [:]
        for (discipline, count) in present { perFamily[family[discipline] ?? discipline, default: 0] += count }
        let rao = DisciplineDistance(sameFamily: sameFamilyDistance).raoStirling(disciplineCounts: counts, familyCounts: Array(perFamily.values))
        let inverse = 1 / counts.reduce(0.0) { $0 + pow(Double($1) / Double(total), 2) }
        let k = Double(eventDisciplines)
        return ["Shannon H": shannon, "Gelijkmatigheid": k <= 1 ? 0 : shannon / log(k),
                "Gini-Simpson": DisciplineDistance.giniSimpson(counts), "Inverse Simpson": inverse, "Rao-Stirling": rao,
                "Rao-Stirling effectief": rao < 1 ? 1 / (1 - rao) : 0, "Disciplines": Double(counts.count)]
    }
}

extension BoardReading {
    /// What the board tells of a session's diversity: shown figures (each must come back at its shown precision),
    /// or ranges the means over the sessions leave.
    enum DiversityShown {
        case figures([String: Double])
        case ranges([String: ClosedRange<Double>])

        func admits(_ x: [String: Double]) -> Bool {
            switch self {
            case .figures(let shown):
                return shown.allSatisfy { header, value in
                    guard let exact = x[header] else { return false }
                    let whole = ["Inverse Simpson", "Rao-Stirling effectief", "Disciplines"].contains(header)
                    return abs((whole ? exact.rounded() : (exact * 100).rounded() / 100) - value) < 1e-9
                }
            case .ranges(let ranges):
                return ranges.allSatisfy { header, range in x[header].map(range.contains) ?? false }
            }
        }
    }

    /// The overview's shown diversity figures of a session (nil when none is shown).
    func shownDiversity(_ session: String) -> DiversityShown? {
        var figures: [String: Double] = [:]
        for header in Self.indexHeaders { if let v = shown("Overzicht", session, header).flatMap(Self.number) { figures[header] = v } }
        return figures.isEmpty ? nil : .figures(figures)
    }

    /// The ranges the shown means (Trend's mean Shannon over every session; the comparison's mean and lowest
    /// Gini-Simpson and mean Rao-Stirling over the sessions with participants) leave for a session whose figures are
    /// withheld, taking the other withheld sessions' figures as known exactly. Nil when no mean is shown.
    func meanRanges(_ session: String, truth: DiversityTruth) -> DiversityShown? {
        let sessions = (sheets["Overzicht"] ?? []).dropFirst().compactMap(\.first).filter { $0.hasPrefix("Sessie") }
        let peopled = sessions.filter { (truth.exact[$0]?.participants ?? 0) > 0 }
        var ranges: [String: ClosedRange<Double>] = [:]
        func add(_ header: String, mean: Double?, over members: [String], exact: (String) -> Double) {
            guard let mean, members.contains(session) else { return }
            var low = Double(members.count) * (mean - 0.005), high = Double(members.count) * (mean + 0.005)
            for o in members where o != session {
                let v = shown("Overzicht", o, header).flatMap(Self.number)
                low -= v.map { $0 + 0.005 } ?? exact(o)
                high -= v.map { $0 - 0.005 } ?? exact(o)
            }
            ranges[header] = low...max(low, high)
        }
        let trendMean = (sheets["Trend"] ?? []).dropFirst().filter { $0.count > 5 && !$0[1].isEmpty }.last.flatMap { Self.number($0[5]) }
        func comparison(_ name: String) -> Double? { shown("Vergelijking met loting", name, "Deze indeling").flatMap(Self.number) }
        add("Shannon H", mean: trendMean, over: sessions) { truth.exact[$0]?.shannon ?? 0 }
        add("Gini-Simpson", mean: comparison("Menging van disciplines, gemiddeld per sessie"), over: peopled) { truth.exact[$0]?.giniSimpson ?? 0 }
        add("Rao-Stirling", mean: comparison("Verscheidenheid (Rao-Stirling), gemiddeld per sessie"), over: peopled) { truth.exact[$0]?.raoStirling ?? 0 }
        if let lowest = comparison("Menging van disciplines, minst gemengde sessie"), peopled.contains(session) {
            let own = truth.exact[session]?.giniSimpson ?? 0
            let isLowest = peopled.allSatisfy { (truth.exact[$0]?.giniSimpson ?? 0) >= own }
            let range = ranges["Gini-Simpson"] ?? -Double.infinity...Double.infinity
            let low = max(range.lowerBound, lowest - 0.005), high = isLowest ? min(range.upperBound, lowest + 0.005) : range.upperBound
            ranges["Gini-Simpson"] = low...max(low, high)
        }
        return ranges.isEmpty ? nil : .ranges(ranges)
    }

    /// The hidden family-mix counts of a session row that keep a single value when the row's completions must also
    /// give its diversity back: each is tried at other values (near its true one), the row's other hidden counts
    /// with it, every sum still possible and every check of the row met, and people per discipline are sought (the
    /// true ones, each changed family's change put on one or two of its disciplines) that give `shown` back with
    /// the same event disciplines. Bounded: what the search does not find counts as impossible.
    func closedCells(_ row: String, _ members: [Int], checks: [([Int: Int]) -> Bool], shown: DiversityShown, truth: DiversityTruth) -> [String] {
        let session = String(row.dropFirst("sessie/".count))
        let people = truth.counts[session] ?? [:]
        let unknown = members.filter { cells[$0].value == nil }
        func trueValue(_ i: Int) -> Int {
            let name = cells[i].name
                .replacingOccurrences(of: "Overzicht/\(session)/Deelnemers", with: "Familiemix/\(session)/Totaal")
                .replacingOccurrences(of: "Overzicht/\(session)/Discipline onbekend", with: "Familiemix/\(session)/onbekend")
            return self.truth[name] ?? cells[i].lower
        }
        func candidates(_ i: Int) -> [Int] {
            let t = trueValue(i)
            let low = max(cells[i].lower, t - 8, 0), high = min(cells[i].upper, t + 8)
            return low <= high ? (low...high).sorted { (abs($0 - t), $0) < (abs($1 - t), $1) } : [t]
        }
        let touching = sums.filter { sum in sum.contains { unknown.contains($0.0) } }
        var values: [Int: Int] = [:]
        for i in members where cells[i].value != nil { values[i] = cells[i].value }
        let prefix = "Familiemix/\(session)/"
        let familyCells = members.filter { cells[$0].name.hasPrefix(prefix) && !cells[$0].name.hasSuffix("/Totaal") && !cells[$0].name.hasSuffix("/onbekend") }
        let elsewhere = Set(truth.counts.filter { $0.key != session }.flatMap { $0.value.filter { $0.value > 0 }.keys })
        let event = truth.eventDisciplines
        /// People per discipline for a completion: each changed family's change on one discipline, or one and the rest on another.
        func witness() -> Bool {
            var changes: [(family: String, delta: Int)] = []
            for i in familyCells {
                let delta = values[i]! - trueValue(i)
                if delta != 0 { changes.append((String(cells[i].name.dropFirst(prefix.count)), delta)) }
            }
            let disciplines = Dictionary(grouping: truth.family.keys.sorted(), by: { truth.family[$0]! })
            var filled = people
            var tried = 0
            func fill(_ k: Int) -> Bool {
                if k == changes.count {
                    tried += 1
                    let present = Set(filled.filter { $0.value > 0 }.keys)
                    return present.union(elsewhere).count == event && shown.admits(truth.figures(filled))
                }
                let (family, delta) = changes[k]
                let step = delta > 0 ? 1 : -1
                let own = disciplines[family] ?? []
                var moves: [[(String, Int)]] = own.map { [($0, delta)] }
                if abs(delta) >= 2 {
                    for a in own { for b in own where b != a { moves.append([(a, step), (b, delta - step)]) } }
                }
                for move in moves where move.allSatisfy({ (filled[$0.0] ?? 0) + $0.1 >= 0 }) {
                    guard tried < 400 else { return false }
                    for (d, amount) in move { filled[d, default: 0] += amount }
                    let ok = fill(k + 1)
                    for (d, amount) in move { filled[d, default: 0] -= amount }
                    if ok { return true }
                }
                return false
            }
            return fill(0)
        }
        var closed: [String] = []
        let familyMix = unknown.filter { cells[$0].name.hasPrefix(prefix) }
        for target in familyMix {
            let order = [target] + unknown.filter { $0 != target }
            var leaves = 0
            func leaf() -> Bool {
                leaves += 1
                return touching.allSatisfy { canHold($0, values) } && checks.allSatisfy { $0(values) } && witness()
            }
            /// The target moved and one other hidden count of the row the other way, the rest as they are.
            func swap(_ value: Int) -> Bool {
                for partner in familyMix where partner != target {
                    for i in unknown { values[i] = trueValue(i) }
                    values[target] = value
                    values[partner] = trueValue(partner) - (value - trueValue(target))
                    let inside = values[partner]! >= cells[partner].lower && values[partner]! <= cells[partner].upper
                    if inside, leaf() { return true }
                }
                for i in unknown { values[i] = nil }
                return false
            }
            func search(_ depth: Int, budget: Int) -> Bool {
                if depth == order.count { return leaf() }
                let i = order[depth]
                for value in candidates(i) where depth > 0 || value == values[i] {
                    guard leaves < budget else { break }
                    values[i] = value
                    if touching.allSatisfy({ !$0.contains { $0.0 == i } || canHold($0, values) }), search(depth + 1, budget: budget) { return true }
                }
                if depth > 0 { values[i] = nil }
                return false
            }
            var open = false
            for value in candidates(target) where value != trueValue(target) {
                if swap(value) { open = true; break }
                values[target] = value
                leaves = 0
                if search(0, budget: 1_500) { open = true; break }
                for i in unknown { values[i] = nil }
            }
            if !open { closed.append(cells[target].name) }
            for i in unknown { values[i] = nil }
        }
        return closed
    }
}
