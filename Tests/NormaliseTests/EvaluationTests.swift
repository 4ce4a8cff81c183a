import Normalise
import XCTest

/// Precision and recall on the labelled evaluation sets (targets from issue 4).
final class EvaluationTests: XCTestCase {
    func testEvaluationSetIsLargeAndUsesKnownIDs() {
        let disciplineIDs = Set(Fixtures.taxonomy.disciplines.map(\.id))
        let keywordIDs = Set(Fixtures.taxonomy.keywords.map(\.id))
        let all = EvaluationSet.disciplines + EvaluationSet.holdoutDisciplines
        XCTAssertGreaterThanOrEqual(EvaluationSet.disciplines.count + EvaluationSet.interests.count, 300)
        for (raw, expected) in all {
            if let expected { XCTAssertTrue(disciplineIDs.contains(expected), "\(raw): unknown id \(expected)") }
        }
        for (raw, expected) in EvaluationSet.interests + EvaluationSet.holdoutInterests {
            XCTAssertTrue(expected.isSubset(of: keywordIDs), "\(raw): unknown ids \(expected.subtracting(keywordIDs))")
        }
    }

    func testPrecisionAndRecall() {
        let report = EvaluationReport.run(Fixtures.normaliser, taxonomy: Fixtures.taxonomy)
        print("Evaluation set\n" + report.summary)
        for line in report.disciplineErrors + report.interestErrors { print("  miss: \(line)") }
        XCTAssertGreaterThanOrEqual(report.disciplinePrecision, 0.97)
        XCTAssertGreaterThanOrEqual(report.disciplineRecall, 0.97)
        XCTAssertGreaterThanOrEqual(report.interestMicroF1, 0.95)
        XCTAssertEqual(report.wrongFamily, [], "known values mapped to a wrong family")
    }

    func testHeldOutSet() {
        let report = EvaluationReport.run(
            Fixtures.normaliser, taxonomy: Fixtures.taxonomy, disciplines: EvaluationSet.holdoutDisciplines,
            interests: EvaluationSet.holdoutInterests)
        print("Held-out set\n" + report.summary)
        for line in report.disciplineErrors + report.interestErrors { print("  miss: \(line)") }
        XCTAssertGreaterThanOrEqual(report.disciplinePrecision, 0.95)
        XCTAssertGreaterThanOrEqual(report.disciplineRecall, 0.95)
        XCTAssertGreaterThanOrEqual(report.interestMicroF1, 0.93)
        XCTAssertEqual(report.wrongFamily, [], "known values mapped to a wrong family")
    }

    func testTaxonomyCoversEveryCatalogKeywordAndNoFamilyConflicts() {
        let keywordIDs = Set(Fixtures.taxonomy.keywords.map(\.id))
        let catalogIDs = Set(Fixtures.catalog.sessions.flatMap(\.keywordIDs))
        XCTAssertEqual(keywordIDs, catalogIDs, "taxonomy keywords must be exactly the catalog's")
        let family = Dictionary(uniqueKeysWithValues: Fixtures.taxonomy.disciplines.map { ($0.id, $0.family) })
        for conflict in Fixtures.normaliser.vocabularyConflicts {
            if let a = family[conflict.kept], let b = family[conflict.other] {
                XCTAssertEqual(a, b, "'\(conflict.key)' is claimed by \(conflict.kept) and \(conflict.other)")
            }
        }
    }
}
