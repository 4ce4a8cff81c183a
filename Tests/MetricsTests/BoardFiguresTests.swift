import Assign
import TestSupport
import WerksessiesModel
import XCTest

@testable import Metrics

/// The board's comparison and the reported metrics are one definition: the figures the comparison gives
/// the assignment are the ones Metrics reports for it.
final class BoardFiguresTests: XCTestCase {
    func testComparisonFiguresAreTheReportedMetrics() throws {
        var rng = SplitMix64(seed: 404)
        let families = ["design", "policy", "nature", "market"]
        let keywords = (0..<12).map { "k\($0)" }
        let sessions = (1...5).map { s in
            Fixture.session(
                s, capacity: s == 5 ? 12 : 30, keywords: (0..<4).map { _ in keywords.randomElement(using: &rng)! },
                homes: [families.randomElement(using: &rng)!], rules: s == 5 ? [Fixture.mandate] : [])
        }
        let people: [Participant] = (0..<150).map { i in
            var p = Fixture.participant(
                i, family: families.randomElement(using: &rng)!,
                interests: Int.random(in: 0..<8, using: &rng) == 0
                    ? [] : (0..<Int.random(in: 1...3, using: &rng)).map { _ in keywords.randomElement(using: &rng)! },
                mandate: Bool.random(using: &rng))
            p.discipline = Int.random(in: 0..<15, using: &rng) == 0 ? nil : "\(p.family!)-\(Int.random(in: 0..<3, using: &rng))"
            return p
        }
        for distance in [0.5, 0.3] {
            let problem = AssignmentProblem(
                participants: people, sessions: sessions,
                weights: Weights(diversity: 300, distance: DisciplineDistance(sameFamily: distance)))
            let assignment = try Assigner.solve(problem)
            let figures = try Assigner.comparison(problem, assignment: assignment).assignment
            let metrics = MetricsCalculator.compute(
                catalog: Catalog(event: "t", sessions: sessions), participants: people, assignment: assignment,
                sameFamilyDistance: distance)
            let all = metrics.quality[0]
            let held = metrics.sessions.filter { $0.participants > 0 }
            XCTAssertEqual(figures.shareWithMatch, all.shareWithMatch)
            XCTAssertEqual(figures.outsideComfortZoneShare, all.outsideComfortZoneShare)
            XCTAssertEqual(figures.waitlisted, Double(all.waitlisted))
            XCTAssertEqual(figures.meanGiniSimpson, held.map(\.giniSimpson).reduce(0, +) / Double(held.count), accuracy: 1e-12)
            XCTAssertEqual(figures.lowestGiniSimpson, held.map(\.giniSimpson).min()!)
            XCTAssertEqual(figures.meanRaoStirling, held.map(\.raoStirling).reduce(0, +) / Double(held.count), accuracy: 1e-12)
        }
    }
}
