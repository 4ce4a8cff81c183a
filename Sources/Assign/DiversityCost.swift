import WerksessiesModel

/// The convex diversity cost of one session: the board's Rao-Stirling as unit costs per person.
///
/// With d the same-family distance, `RS = 1 − d·Σᵢ pᵢ² − (1 − d)·Σ_F P_F²`, so a session of capacity C
/// costs `diversity · M · (d·Σᵢ nᵢ² + (1 − d)·Σ_F N_F²) / C²`: the k-th person of a discipline adds
/// `diversity · d · (2k − 1) · M / C²` and the k-th person of a family `diversity · (1 − d) · (2k − 1) · M / C²`,
/// each rounded half up to an integer (`marginal`). M is the sessions' mean capacity C̄ weighed for the
/// event's size (`weighedMean`): C̄ up to `referenceCapacity` seats, `C̄ · √(C̄ / referenceCapacity)` above.
/// A full session then costs `diversity · M · (1 − RS)`: every session's Rao-Stirling counts the same, as
/// in the board's mean over sessions. The √ keeps the assignment's mix as close to the event's own as a
/// lottery's: a lottery's sessions stray from the event's shares by about `1/√C`, and a person's marginal
/// cost `≈ 2·diversity·share·M/C` then grows with the event as `√C̄`, so that interests and the challenge
/// move a session's mix by less than chance does, at every size (with a flat weight they move it by the
/// same percentage at every size, which in large events is far more than chance). The marginal costs never
/// decrease in k, so the cost is convex and the flow network stays exact; runs of equal marginal cost are
/// one segment (`lastAtOrBelow`), so one augmentation moves many people. The marginal costs are multiples
/// of `quantum` = round(M / C̄), so a large event has no more distinct costs (and augmentations) than with a
/// flat weight. Products are taken in 128 bits when 64 do not suffice.
struct DiversityCost: Sendable, Hashable {
    /// The two levels of the nested tree: disciplines, then their families.
    enum Level: Sendable {
        case discipline, family
    }

    /// Sessions of this many seats on average weigh the diversity as the weight says (see `weighedMean`).
    static let referenceCapacity = 50

    /// `diversity · d · M` with d in thousandths (the discipline level).
    let disciplineNumerator: Int
    /// `diversity · (1 − d) · M` in thousandths (the family level).
    let familyNumerator: Int
    /// `1000 · C² · quantum` (C at least 1).
    let denominator: Int
    /// The unit of the marginal costs: `round(M / C̄)` (1 up to `referenceCapacity` seats). The costs are
    /// multiples of it, so a large event has as many distinct marginal costs (and the flow as many
    /// augmentations) as with the flat weight, each `quantum` times as large.
    let quantum: Int

    /// The cost of a session of `capacity` seats among sessions of `meanCapacity` seats on average (both at least 1).
    init(weight: Int, distance: DisciplineDistance, capacity: Int, meanCapacity: Int) {
        let weight = max(0, weight)
        let mean = Self.weighedMean(meanCapacity)
        disciplineNumerator = weight * distance.sameFamilyPermille * mean
        familyNumerator = weight * (1000 - distance.sameFamilyPermille) * mean
        quantum = max(1, (mean + max(1, meanCapacity) / 2) / max(1, meanCapacity))
        denominator = 1000 * max(1, capacity) * max(1, capacity) * quantum
    }

    /// M: the mean capacity C̄ (at least 1) up to `referenceCapacity`, `round(C̄ · √(C̄ / referenceCapacity))`
    /// above (at most 1.5e8 for C̄ ≤ `Limits.maxCapacity`).
    static func weighedMean(_ meanCapacity: Int) -> Int {
        let mean = max(1, meanCapacity)
        guard mean > referenceCapacity else { return mean }
        return Int((Double(mean) * (Double(mean) / Double(referenceCapacity)).squareRoot()).rounded())
    }

    @inline(__always) func numerator(_ level: Level) -> Int {
        level == .discipline ? disciplineNumerator : familyNumerator
    }

    /// Cost of the k-th person (k ≥ 1) at a level: `quantum · round(numerator · (2k − 1) / denominator)`, halves up.
    @inline(__always) func marginal(_ level: Level, _ k: Int) -> Int {
        quantum * units(level, k)
    }

    /// `round(numerator · (2k − 1) / denominator)`, halves up: the marginal cost in quanta.
    @inline(__always) func units(_ level: Level, _ k: Int) -> Int {
        let a = numerator(level)
        // (2a(2k − 1) + q) / 2q, in 64 bits while they suffice (the search's inner loop), else in 128 bits:
        // 2a(2k − 1) passes Int.max in sessions of a million.
        let (short, overflow) = (2 * a).multipliedReportingOverflow(by: 2 * k - 1)
        if !overflow && short <= Int.max - denominator { return (short + denominator) / (2 * denominator) }
        let product = (2 * a).multipliedFullWidth(by: 2 * k - 1)
        let (low, carry) = product.low.addingReportingOverflow(UInt(denominator))
        return (2 * denominator).dividingFullWidth((product.high + (carry ? 1 : 0), low)).quotient
    }

    /// The largest k whose marginal cost is at most `cost` (0 when `cost < 0`; `infinity` when the level is free
    /// or no k up to `infinity` costs more).
    @inline(__always) func lastAtOrBelow(_ level: Level, _ cost: Int) -> Int {
        let a = numerator(level)
        if cost < 0 { return 0 }
        if a == 0 || cost >= MinCostFlow.infinity { return MinCostFlow.infinity }
        // quantum · units(k) ≤ cost  ⇔  units(k) ≤ ⌊cost / quantum⌋.
        let cost = cost / quantum
        // marginal(k) ≤ c  ⇔  2a(2k − 1) < q(2c + 1)  ⇔  2k − 1 ≤ ⌊(q(2c + 1) − 1) / 2a⌋, in 64 bits while
        // they suffice, else in 128.
        let (short, overflow) = denominator.multipliedReportingOverflow(by: 2 * cost + 1)
        if !overflow { return min(MinCostFlow.infinity, ((short - 1) / (2 * a) + 1) / 2) }
        let product = denominator.multipliedFullWidth(by: 2 * cost + 1)
        let (low, borrow) = product.low.subtractingReportingOverflow(1)
        let high = product.high - (borrow ? 1 : 0)
        guard high < 2 * a else { return MinCostFlow.infinity }
        let odd = (2 * a).dividingFullWidth((high, low)).quotient
        return min(MinCostFlow.infinity, (odd + 1) / 2)
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
