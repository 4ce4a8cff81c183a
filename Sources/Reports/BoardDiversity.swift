import Foundation
import Metrics
import WerksessiesModel

/// A session's diversity figures as the board shows them: rounded coarsely and the same way on every sheet
/// (Shannon, evenness, Gini-Simpson and Rao-Stirling to two decimals, inverse Simpson and Rao-Stirling's effective
/// number to whole numbers), with its count of distinct disciplines. Exact figures are for the analysts' CSVs: with
/// d = ½ within a family, exact Gini-Simpson and Rao-Stirling give Σ_F P_F² = 1 + GS − 2·RS, which with the shown
/// family counts pins down hidden ones (decision 0011).
struct BoardDiversity: Hashable, Sendable {
    var shannon, evenness, giniSimpson, inverseSimpson, raoStirling, raoStirlingEffective: Double
    var disciplines: Int

    /// A 0–1 index or Shannon's H as shown: two decimals.
    static func index(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// An effective number as shown: a whole number.
    static func effective(_ x: Double) -> Double { x.rounded() }

    /// A session's figures as the board shows them.
    init(_ m: SessionMetrics) {
        shannon = Self.index(m.shannon)
        evenness = Self.index(m.evenness)
        giniSimpson = Self.index(m.giniSimpson)
        inverseSimpson = Self.effective(m.inverseSimpson)
        raoStirling = Self.index(m.raoStirling)
        raoStirlingEffective = Self.effective(m.raoStirlingEffective)
        disciplines = m.disciplines
    }

    /// The figures the board would show for these counts per discipline (`Diversity`, as Metrics computes them):
    /// `family` is each discipline's family, `eventDisciplines` the event's distinct disciplines (evenness).
    init(counts: [Int], family: [Int], eventDisciplines: Int, distance: DisciplineDistance) {
        let x = Self.exact(counts: counts, family: family, eventDisciplines: eventDisciplines, distance: distance)
        shannon = Self.index(x.shannon)
        evenness = Self.index(x.evenness)
        giniSimpson = Self.index(x.giniSimpson)
        inverseSimpson = Self.effective(x.inverseSimpson)
        raoStirling = Self.index(x.raoStirling)
        raoStirlingEffective = Self.effective(x.raoStirling < 1 ? 1 / (1 - x.raoStirling) : 0)
        disciplines = counts.filter { $0 > 0 }.count
    }

    /// The unrounded figures of these counts per discipline (see `init(counts:family:eventDisciplines:distance:)`).
    static func exact(
        counts: [Int], family: [Int], eventDisciplines: Int, distance: DisciplineDistance
    ) -> (shannon: Double, evenness: Double, giniSimpson: Double, inverseSimpson: Double, raoStirling: Double) {
        let present = counts.indices.filter { counts[$0] > 0 }
        let shown = present.map { counts[$0] }
        var perFamily: [Int: Int] = [:]
        for i in present { perFamily[family[i], default: 0] += counts[i] }
        let h = Diversity.shannon(shown)
        return (h, Diversity.evenness(shannon: h, distinct: eventDisciplines), Diversity.giniSimpson(shown),
                Diversity.inverseSimpson(shown), distance.raoStirling(disciplineCounts: shown, familyCounts: Array(perFamily.values)))
    }

    /// A mean over the sessions as shown (the trend's Shannon, the comparison's Gini-Simpson and Rao-Stirling).
    static func mean(_ x: Double) -> Double { index(x) }
}

/// What the diversity figures of the sessions rest on: per session its people per discipline, each discipline's
/// column in the family mix, the event's distinct disciplines and the Rao-Stirling distance. The distance is read
/// back from the sessions' own figures (it is not in the bundle); when no session tells it, or a session's figures
/// do not come back from its counts, `distance` is nil and every session with a hidden count keeps "x".
struct DiversityBasis {
    var counts: [[Int]]
    var column: [Int]
    var eventDisciplines: Int
    var distance: DisciplineDistance?
    /// Per session: the figures as shown.
    var shown: [BoardDiversity]
    /// Per session: its exact Shannon, Gini-Simpson, Rao-Stirling and participants (the means' terms).
    var exact: [(shannon: Double, giniSimpson: Double, raoStirling: Double, participants: Int)] = []
    /// The means as the board shows them when it shows them: tonight's mean Shannon over every session (Trend), the
    /// assignment's mean and lowest Gini-Simpson and mean Rao-Stirling over the sessions with participants
    /// (Vergelijking met loting; nil without baselines).
    var meanShannon = 0.0
    var meanGiniSimpson, lowestGiniSimpson, meanRaoStirling: Double?

    static let empty = DiversityBasis(counts: [], column: [], eventDisciplines: 0, distance: nil, shown: [])
}

extension Reports {
    /// The diversity basis of a board (the mix columns are `context.families`, then the unknown discipline).
    static func diversityBasis(_ context: ReportContext) -> DiversityBasis {
        let bundle = context.bundle
        let columnOf = Dictionary(context.families.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var disciplineFamily = Dictionary(bundle.taxonomy.disciplines.map { ($0.id, $0.family) }, uniquingKeysWith: { a, _ in a })
        var consistent = true
        for participant in bundle.participants {
            guard let discipline = participant.discipline else { continue }
            if disciplineFamily[discipline] == nil, let family = participant.family { disciplineFamily[discipline] = family }
            if disciplineFamily[discipline] != participant.family { consistent = false }
        }
        let disciplines = disciplineFamily.keys.sorted().filter { columnOf[disciplineFamily[$0]!] != nil }
        let position = Dictionary(disciplines.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let column = disciplines.map { columnOf[disciplineFamily[$0]!]! }
        let sessions = bundle.catalog.sessions
        var counts = sessions.map { _ in [Int](repeating: 0, count: disciplines.count) }
        for (s, session) in sessions.enumerated() {
            for index in context.members[session.id] ?? [] {
                let participant = bundle.participants[index]
                guard let discipline = participant.discipline else { continue }
                guard let p = position[discipline] else { consistent = false; continue }
                counts[s][p] += 1
            }
        }
        let present = Set(counts.flatMap { row in row.indices.filter { row[$0] > 0 } })
        let shown = sessions.map { BoardDiversity(context.metrics($0)) }
        var basis = DiversityBasis(counts: counts, column: column, eventDisciplines: present.count, distance: nil, shown: shown)
        basis.exact = sessions.map { let m = context.metrics($0); return (m.shannon, m.giniSimpson, m.raoStirling, m.participants) }
        basis.meanShannon = BoardDiversity.mean(BoardTrend.meanShannon(bundle.metrics))
        if let figures = bundle.manifest.baselines?.assignment {
            basis.meanGiniSimpson = BoardDiversity.mean(figures.meanGiniSimpson)
            basis.lowestGiniSimpson = BoardDiversity.mean(figures.lowestGiniSimpson)
            basis.meanRaoStirling = BoardDiversity.mean(figures.meanRaoStirling)
        }
        guard consistent, let distance = Self.readDistance(context, counts: counts, column: column) else { return basis }
        let reproduced = sessions.indices.allSatisfy {
            BoardDiversity(counts: counts[$0], family: column, eventDisciplines: present.count, distance: distance) == shown[$0]
        }
        if reproduced { basis.distance = distance }
        return basis
    }

    /// The Rao-Stirling distance within a family, from a session whose discipline and family shares differ:
    /// RS = 1 − d·Σpᵢ² − (1 − d)·Σ P_F², in thousandths as `DisciplineDistance` keeps it.
    static func readDistance(_ context: ReportContext, counts: [[Int]], column: [Int]) -> DisciplineDistance? {
        for (s, session) in context.bundle.catalog.sessions.enumerated() {
            let n = Double(counts[s].reduce(0, +))
            guard n > 0 else { continue }
            var families: [Int: Int] = [:]
            for i in counts[s].indices { families[column[i], default: 0] += counts[s][i] }
            let disciplineSquares = counts[s].reduce(0.0) { $0 + Double($1 * $1) } / (n * n)
            let familySquares = families.values.reduce(0.0) { $0 + Double($1 * $1) } / (n * n)
            let rao = context.metrics(session).raoStirling
            guard familySquares - disciplineSquares > 1e-6, rao > 0 else { continue }
            return DisciplineDistance(sameFamily: (1 - rao - familySquares) / (disciplineSquares - familySquares))
        }
        return nil
    }
}
