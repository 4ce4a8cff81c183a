import TestSupport
import WerksessiesModel
import XCTest

@testable import Metrics

final class DiversityTests: XCTestCase {
    let families = ["F1", "F1", "F2", "F2"]  // disciplines A,B in one family, C,D in another

    func testReferenceValuesFromTheIssue() {
        XCTAssertEqual(Diversity.shannon([5, 3, 1, 1]), 1.168282, accuracy: 1e-6)
        XCTAssertEqual(Diversity.giniSimpson([5, 3, 1, 1]), 0.64, accuracy: 1e-6)
        XCTAssertEqual(Diversity.inverseSimpson([5, 3, 1, 1]), 2.777778, accuracy: 1e-6)
        XCTAssertEqual(Diversity.shannon([1, 1, 1, 1]), 1.386294, accuracy: 1e-6)
        XCTAssertEqual(Diversity.giniSimpson([1, 1, 1, 1]), 0.75, accuracy: 1e-9)
        XCTAssertEqual(Diversity.shannon([10]), 0)
        XCTAssertEqual(Diversity.giniSimpson([10]), 0)
        XCTAssertEqual(Diversity.raoStirling([5, 3, 1, 1], families: families), 0.48, accuracy: 1e-6)
        XCTAssertEqual(Diversity.raoStirling([1, 1, 1, 1], families: families), 0.625, accuracy: 1e-6)
        XCTAssertEqual(Diversity.raoStirling([5, 5, 0, 0], families: families), 0.25, accuracy: 1e-6)
        XCTAssertEqual(Diversity.raoStirling([5, 0, 5, 0], families: families), 0.5, accuracy: 1e-6)
        XCTAssertEqual(Diversity.coverage(keywords: ["a", "b", "c", "d"], interests: [["a", "x"], ["b", "c"], ["a"]]), 0.75)
    }

    func testEmptyAndDegenerate() {
        XCTAssertEqual(Diversity.shannon([]), 0)
        XCTAssertEqual(Diversity.giniSimpson([0, 0]), 0)
        XCTAssertEqual(Diversity.inverseSimpson([]), 0)
        XCTAssertEqual(Diversity.evenness(shannon: 1.2, distinct: 1), 0)
        XCTAssertEqual(Diversity.evenness(shannon: log(4), distinct: 4), 1, accuracy: 1e-12)
        XCTAssertEqual(Diversity.coverage(keywords: [], interests: [["a"]]), 0)
    }

    /// Identities over many seeded random count vectors: Rao-Stirling with d = 1 is Gini-Simpson,
    /// H ≤ ln(variety), 0 ≤ Gini-Simpson < 1, coverage in [0, 1].
    func testIdentitiesOnRandomVectors() {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        for _ in 0..<500 {
            let k = 1 + next(8)
            let counts = (0..<k).map { _ in next(12) }
            let fams = (0..<k).map { _ in "F\(next(3))" }
            let variety = counts.filter { $0 > 0 }.count
            let gs = Diversity.giniSimpson(counts)
            XCTAssertEqual(Diversity.raoStirling(counts, families: fams, sameFamilyDistance: 1), gs, accuracy: 1e-12)
            XCTAssertLessThanOrEqual(Diversity.raoStirling(counts, families: fams), gs + 1e-12)
            if variety > 0 {
                XCTAssertLessThanOrEqual(Diversity.shannon(counts), log(Double(variety)) + 1e-12)
            }
            XCTAssertGreaterThanOrEqual(gs, 0)
            XCTAssertLessThan(gs, 1)
            let keywords = (0..<(1 + next(6))).map { "k\($0)" }
            let interests = (0..<next(5)).map { _ in (0..<next(4)).map { _ in "k\(next(9))" } }
            let coverage = Diversity.coverage(keywords: keywords, interests: interests)
            XCTAssertTrue((0...1).contains(coverage))
        }
    }
}

final class SessionMetricsTests: XCTestCase {
    func testHandBuiltSession() {
        let session = Session(
            id: 1, title: "S", trekkers: [Trekker(id: "T", name: "T", family: "design")], toelichting: "",
            keywords: ["a", "b", "c", "d"].map { SessionKeyword(id: $0, label: $0.uppercased()) }, capacity: 10)
        let people = [
            Fixture.participant("p1", organisation: "Gemeente A", discipline: "architect", family: "design", interests: ["a", "x"]),
            Fixture.participant("p2", organisation: "gemeente a", discipline: "architect", family: "design", interests: ["b", "c"]),
            Fixture.participant("p3", organisation: "B", discipline: "ecoloog", family: "nature", interests: ["a"]),
            Fixture.participant("p4", organisation: "C", discipline: nil, family: nil, interests: []),
            Fixture.participant("p5", organisation: "D", discipline: "ecoloog", family: "nature", interests: ["z"]),
        ]
        var cancelled = Fixture.participant("p6", organisation: "E", discipline: "architect", family: "design", interests: ["d"])
        cancelled.cancelled = true
        let placements = people.map { p in
            Placement(
                participantID: p.id, session: p.id == "p5" ? nil : 1,
                matchedKeywords: p.interests.filter { ["a", "b", "c", "d"].contains($0) },
                outsideComfortZone: p.family != nil && p.family != "design", score: 0, rank: p.id == "p3" ? 2 : 1,
                reason: .bestFit, explanation: "")
        }
        let metrics = MetricsCalculator.compute(
            catalog: Catalog(event: "E", sessions: [session]), participants: people + [cancelled],
            assignment: Assignment(placements: placements, objective: 0))
        let m = metrics.sessions[0]
        XCTAssertEqual(m.participants, 4)
        XCTAssertEqual(m.disciplines, 2)
        XCTAssertEqual(m.unknownDiscipline, 1)
        XCTAssertEqual(m.shannon, -(2.0 / 3 * log(2.0 / 3) + 1.0 / 3 * log(1.0 / 3)), accuracy: 1e-12)
        XCTAssertEqual(m.evenness, m.shannon / log(2), accuracy: 1e-12)
        XCTAssertEqual(m.giniSimpson, 1 - (4.0 / 9 + 1.0 / 9), accuracy: 1e-12)
        XCTAssertEqual(m.raoStirling, 2 * (2.0 / 3) * (1.0 / 3), accuracy: 1e-12)
        XCTAssertEqual(m.maxFamilyShare, 0.5)
        XCTAssertEqual(m.organisations, 3)  // "Gemeente A" and "gemeente a" fold together
        XCTAssertEqual(m.keywordCoverage, 0.75)
        XCTAssertEqual(m.keywordDepth.map(\.interestedParticipants), [2, 1, 1, 0])
        XCTAssertEqual(m.meanMatchedKeywords, 1.0)  // 1 + 2 + 1 + 0 over 4
        XCTAssertEqual(m.shareWithMatch, 1.0)  // p4 gave no interests
        XCTAssertEqual(m.outsideComfortZoneShare, 0.25)
        let all = metrics.quality[0]
        XCTAssertEqual(all.group, "all")
        XCTAssertEqual(all.participants, 5)
        XCTAssertEqual(all.assigned, 4)
        XCTAssertEqual(all.waitlisted, 1)
        XCTAssertEqual(all.rankProfile, [3, 1])
        XCTAssertEqual(all.worstRank, 2)
        XCTAssertEqual(all.shareWithMatch, 3.0 / 4)  // p5 waitlisted without a match
        XCTAssertEqual(metrics.quality.map(\.group), ["all", "design", "nature", "unknown"])
    }
}
