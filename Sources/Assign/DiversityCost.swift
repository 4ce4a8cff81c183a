import WerksessiesModel

/// The convex diversity cost of one session: the board's Rao-Stirling as unit costs per person.
///
/// With d the same-family distance, `RS = 1 − d·Σᵢ pᵢ² − (1 − d)·Σ_F P_F²`, so a session of capacity C
/// costs `diversity · C̄ · (d·Σᵢ nᵢ² + (1 − d)·Σ_F N_F²) / C²` (C̄ the mean capacity of the sessions): the
/// k-th person of a discipline adds `diversity · d · (2k − 1) · C̄ / C²` and the k-th person of a family
/// `diversity · (1 − d) · (2k − 1) · C̄ / C²`, each rounded half up to an integer (`marginal`). A full session
/// then costs `diversity · C̄ · (1 − RS)`: every session's Rao-Stirling counts the same, as in the board's
/// mean over sessions, and a person's marginal cost `≈ 2·diversity·share·C̄/C` does not depend on the size
/// of the event (with equal capacities it is the plain `(2k − 1)/C`). The marginal costs never decrease in k, so the cost is
/// convex and the flow network stays exact; runs of equal marginal cost are one segment (`lastAtOrBelow`),
/// so one augmentation moves many people.
struct DiversityCost: Sendable, Hashable {
    /// The two levels of the nested tree: disciplines, then their families.
    enum Level: Sendable {
        case discipline, family
    }

    /// `diversity · d · C̄` with d in thousandths (the discipline level).
    let disciplineNumerator: Int
    /// `diversity · (1 − d) · C̄` in thousandths (the family level).
    let familyNumerator: Int
    /// `1000 · C²` (C at least 1).
    let denominator: Int

    /// The cost of a session of `capacity` seats among sessions of `meanCapacity` seats on average (both at least 1).
    init(weight: Int, distance: DisciplineDistance, capacity: Int, meanCapacity: Int) {
        let weight = max(0, weight)
        let mean = max(1, meanCapacity)
        disciplineNumerator = weight * distance.sameFamilyPermille * mean
        familyNumerator = weight * (1000 - distance.sameFamilyPermille) * mean
        denominator = 1000 * max(1, capacity) * max(1, capacity)
    }

    @inline(__always) func numerator(_ level: Level) -> Int {
        level == .discipline ? disciplineNumerator : familyNumerator
    }

    /// Cost of the k-th person (k ≥ 1) at a level: `round(numerator · (2k − 1) / denominator)`, halves up.
    @inline(__always) func marginal(_ level: Level, _ k: Int) -> Int {
        let a = numerator(level)
        return (2 * a * (2 * k - 1) + denominator) / (2 * denominator)
    }

    /// The largest k whose marginal cost is at most `cost` (0 when `cost < 0`; `infinity` when the level is free).
    @inline(__always) func lastAtOrBelow(_ level: Level, _ cost: Int) -> Int {
        let a = numerator(level)
        if cost < 0 { return 0 }
        if a == 0 { return MinCostFlow.infinity }
        // marginal(k) ≤ c  ⇔  2a(2k − 1) < q(2c + 1)  ⇔  2k − 1 ≤ ⌊(q(2c + 1) − 1) / 2a⌋.
        let odd = (denominator * (2 * cost + 1) - 1) / (2 * a)
        return (odd + 1) / 2
    }

    /// Total cost of `n` people at a level (the sum of the first n marginal costs), one step per segment.
    func total(_ level: Level, count n: Int) -> Int {
        var total = 0
        var k = 1
        while k <= n {
            let cost = marginal(level, k)
            let last = min(n, lastAtOrBelow(level, cost))
            total += cost * (last - k + 1)
            k = last + 1
        }
        return total
    }

    /// The runs of equal marginal cost for the first `n` people: (first k, last k, cost), ascending.
    func segments(_ level: Level, upTo n: Int) -> [(first: Int, last: Int, cost: Int)] {
        var out: [(first: Int, last: Int, cost: Int)] = []
        var k = 1
        while k <= n {
            let cost = marginal(level, k)
            let last = min(n, lastAtOrBelow(level, cost))
            out.append((k, last, cost))
            k = last + 1
        }
        return out
    }
}
