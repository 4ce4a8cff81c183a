import XCTest
@testable import Reports

/// The secondary suppression against the classic attacks: subtraction from a total, bounds, and lower bounds.
final class ProtectedFiguresTests: XCTestCase {
    let protection = SmallCellProtection(threshold: 5)

    /// A row of parts with its total.
    func row(_ parts: [Int]) -> (ProtectedFigures, [Int], Int) {
        var figures = ProtectedFigures()
        let ids = parts.map { figures.add($0) }
        let total = figures.add(parts.reduce(0, +))
        figures.relate([total], ids)
        return (figures, ids, total)
    }

    func testOneSmallCellInARowGetsAPartner() {
        let (figures, ids, total) = row([3, 20, 12, 40])
        let hidden = figures.hidden(protection)
        XCTAssertTrue(hidden[ids[0]])
        XCTAssertTrue(hidden[ids[2]], "the smallest other count is hidden too")
        XCTAssertFalse(hidden[total])
        XCTAssertTrue(SmallCellAttack(values: figures.values, relations: figures.relations, threshold: 5).recovered(hidden).isEmpty)
    }

    /// A share's numerator (share × a shown total) is not hidden for being small, only when it would give a hidden
    /// count away: two hidden cells of a row, one of them in the numerator's sum, are separated by it.
    func testADerivedCountIsHiddenOnlyToProtectOthers() {
        // A session: home family 12, two non-home families 3 and 9, unknown 6; 12 outside the comfort zone.
        var figures = ProtectedFigures()
        let mix = [12, 3, 9, 6].map { figures.add($0) }
        let total = figures.add(30)
        figures.relate([total], mix)
        let outside = figures.addDerived(12)
        figures.relate([outside], [mix[1], mix[2]])
        let small = figures.addDerived(3)
        let hidden = figures.hidden(protection)
        XCTAssertTrue(hidden[mix[1]])
        XCTAssertFalse(hidden[small], "a derived count is never hidden for being small")
        XCTAssertTrue(SmallCellAttack(values: figures.values, relations: figures.relations, threshold: 5).recovered(hidden).isEmpty)
        // The partner chosen within the row (6, unknown) is not in the numerator's sum: then the numerator must go.
        XCTAssertTrue(hidden[outside] || hidden[mix[2]])
    }

    /// A quality row's lowest keyword match is shown, so the reader knows its column is not 0: with 38 at the first
    /// match, an "x" (at least 5) at the second and "<5" at the lowest of a row of 44, "<5" can only be 1 and "x" 5.
    func testACountKnownNotToBeZeroNeedsMoreProtection() {
        var (figures, ids, total) = row([38, 5, 1])
        let plain = figures.hidden(protection)
        XCTAssertEqual(ids.map { plain[$0] }, [false, true, true], "without the knowledge the pair protects itself")
        XCTAssertFalse(plain[total])
        figures.markNonZero(ids[2])
        let attack = { (hidden: [Bool]) in
            SmallCellAttack(values: figures.values, relations: figures.relations, threshold: 5, nonZero: figures.nonZero).recovered(hidden)
        }
        XCTAssertEqual(attack(plain), [ids[1], ids[2]], "the reader works both out")
        let hidden = figures.hidden(protection)
        XCTAssertTrue(hidden[ids[0]] || hidden[total], "a third figure of the row is hidden")
        XCTAssertTrue(attack(hidden).isEmpty)
        var zero = ProtectedFigures()
        let none = zero.add(0)
        zero.markNonZero(none)
        XCTAssertTrue(zero.nonZero.isEmpty, "a zero is never marked as known not to be zero")
    }

    func testBoundsAloneCannotPinTwoSmallCells() {
        // 4 + 4 = 8: both below 5 and their sum shown would pin them at 4 each.
        let (figures, ids, total) = row([4, 4, 30])
        let hidden = figures.hidden(protection)
        XCTAssertTrue(hidden[ids[0]] && hidden[ids[1]])
        XCTAssertTrue(hidden[ids[2]] || hidden[total])
        XCTAssertTrue(SmallCellAttack(values: figures.values, relations: figures.relations, threshold: 5).recovered(hidden).isEmpty)
    }

    func testAGrandTotalBelowTheThresholdDoesNotPinItsParts() {
        // Four sessions of one person each and the event's 4: "<5" means 0…4, so the four cells are not pinned at 1.
        var figures = ProtectedFigures()
        let sessions = [1, 1, 1, 1, 0, 0].map { figures.add($0) }
        let event = figures.add(4)
        figures.relate([event], sessions)
        let hidden = figures.hidden(protection)
        XCTAssertTrue(SmallCellAttack(values: figures.values, relations: figures.relations, threshold: 5).recovered(hidden).isEmpty)
        XCTAssertTrue(hidden[event])
        XCTAssertFalse(hidden[sessions[4]] || hidden[sessions[5]], "zeros stay visible when nothing needs them")
    }

    func testEliminationFindsACombinationOfSums() {
        // a + b = 10, a + c = 7, b + c = 9 pins a = 4 although no single sum does.
        let attack = SmallCellAttack(
            values: [4, 6, 3, 10, 7, 9],
            relations: [[(3, 1), (0, -1), (1, -1)], [(4, 1), (0, -1), (2, -1)], [(5, 1), (1, -1), (2, -1)]], threshold: 5)
        XCTAssertEqual(attack.determinedByElimination([true, true, true, false, false, false]), [0, 1, 2])
    }

    func testSecondaryMarkerIsNeverTheSmallMarker() {
        XCTAssertEqual(protection.hiddenLabel, "<5")
        XCTAssertNotEqual(protection.secondaryLabel, protection.hiddenLabel)
        XCTAssertFalse(SmallCellProtection(threshold: 1).isSmall(0))
    }
}
