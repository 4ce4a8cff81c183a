import Foundation
import WerksessiesModel

/// Diversity indices over count vectors (natural logarithms); each function gives its formula.
public enum Diversity {
    /// Shannon entropy H = −Σ pᵢ ln pᵢ (0 for an empty vector).
    public static func shannon(_ counts: [Int]) -> Double {
        let total = Double(counts.reduce(0, +))
        guard total > 0 else { return 0 }
        var h = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            h -= p * log(p)
        }
        return h == 0 ? 0 : h
    }

    /// Evenness H / ln K, 0 when K ≤ 1.
    public static func evenness(shannon: Double, distinct: Int) -> Double {
        distinct <= 1 ? 0 : shannon / log(Double(distinct))
    }

    /// Gini-Simpson 1 − Σ pᵢ² (0 for an empty vector), as `DisciplineDistance` defines it.
    public static func giniSimpson(_ counts: [Int]) -> Double {
        DisciplineDistance.giniSimpson(counts)
    }

    /// Inverse Simpson 1 / Σ pᵢ², the effective number of disciplines (0 for an empty vector).
    public static func inverseSimpson(_ counts: [Int]) -> Double {
        let total = Double(counts.reduce(0, +))
        guard total > 0 else { return 0 }
        return 1 / counts.reduce(0.0) { $0 + pow(Double($1) / total, 2) }
    }

    /// Rao-Stirling Σᵢ≠ⱼ dᵢⱼ pᵢ pⱼ over ordered pairs; d = 0 same discipline, `sameFamilyDistance` same family,
    /// 1 otherwise — the figure the assignment optimises (`DisciplineDistance`, the one definition).
    public static func raoStirling(_ counts: [Int], families: [String], sameFamilyDistance: Double = 0.5) -> Double {
        precondition(counts.count == families.count, "one family per discipline")
        var perFamily: [String: Int] = [:]
        for (count, family) in zip(counts, families) { perFamily[family, default: 0] += count }
        return DisciplineDistance(sameFamily: sameFamilyDistance).raoStirling(
            disciplineCounts: counts, familyCounts: Array(perFamily.values))
    }

    /// Share of `keywords` held by at least one of `interests` (0 when there are no keywords).
    public static func coverage(keywords: [String], interests: [[String]]) -> Double {
        guard !keywords.isEmpty else { return 0 }
        let held = Set(interests.joined())
        return Double(keywords.filter { held.contains($0) }.count) / Double(keywords.count)
    }
}
