/// The distance between two disciplines that Rao-Stirling weighs: 0 for the same discipline,
/// `sameFamily` for two disciplines of one family, 1 otherwise (`metrics.same_family_distance`).
///
/// The one definition of the board's diversity figures: Metrics reports them with it and the assignment's
/// diversity term optimises them with it. The distance is kept in thousandths, so the optimiser's integer
/// costs and the reported figures use exactly the same value.
///
/// Because disciplines nest in families, Rao-Stirling over ordered pairs has a closed form:
/// `RS = Σᵢ≠ⱼ dᵢⱼ pᵢ pⱼ = 1 − d·Σᵢ pᵢ² − (1 − d)·Σ_F P_F²` (pᵢ discipline shares, P_F family shares).
public struct DisciplineDistance: Sendable, Hashable, Codable {
    /// The same-family distance in thousandths (0...1000).
    public var sameFamilyPermille: Int

    /// A distance of `sameFamily` (clamped to 0...1, rounded to thousandths) between disciplines of one family.
    public init(sameFamily: Double = 0.5) {
        let clamped = sameFamily.isFinite ? min(1, max(0, sameFamily)) : 0.5
        sameFamilyPermille = Int((clamped * 1000).rounded())
    }

    /// The same-family distance.
    public var sameFamily: Double { Double(sameFamilyPermille) / 1000 }

    /// Rao-Stirling from the counts per discipline and the counts per family of the same people (0 when empty).
    public func raoStirling(disciplineCounts: [Int], familyCounts: [Int]) -> Double {
        let total = disciplineCounts.reduce(0, +)
        guard total > 0 else { return 0 }
        let d = sameFamily
        let value = 1 - d * Self.sumOfSquaredShares(disciplineCounts, total: total)
            - (1 - d) * Self.sumOfSquaredShares(familyCounts, total: total)
        return max(0, value)
    }

    /// Gini-Simpson `1 − Σᵢ pᵢ²` over disciplines (0 when empty).
    public static func giniSimpson(_ counts: [Int]) -> Double {
        let total = counts.reduce(0, +)
        guard total > 0 else { return 0 }
        return 1 - sumOfSquaredShares(counts, total: total)
    }

    /// `Σ (count / total)²`, summed in integers first so the result does not depend on the order of the counts.
    static func sumOfSquaredShares(_ counts: [Int], total: Int) -> Double {
        var squares = 0
        for count in counts { squares += count * count }
        return Double(squares) / (Double(total) * Double(total))
    }
}
