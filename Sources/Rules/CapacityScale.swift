import WerksessiesModel

/// How session capacities are scaled for a run.
public enum CapacityScale: Sendable, Equatable {
    /// As in the catalog.
    case none
    /// All seats together are 110% of the active registrants.
    case auto
    /// Every capacity multiplied by a factor.
    case factor(Double)

    /// Parses `auto` or a positive, finite number.
    public init?(argument: String) {
        if argument == "auto" {
            self = .auto
        } else if let value = Double(argument), value > 0, value.isFinite {
            self = .factor(value)
        } else {
            return nil
        }
    }

    /// The catalog with every capacity (rounded up) and minimum (rounded down) scaled for `active` registrants.
    public func apply(to catalog: Catalog, active: Int) throws(RulesError) -> Catalog {
        switch self {
        case .none:
            return catalog
        case .auto:
            let seats = catalog.sessions.reduce(0) { $0 + $1.capacity }
            guard seats > 0 else { return catalog }
            return try Self.scale(catalog, by: 1.1 * Double(active) / Double(seats))
        case .factor(let factor):
            return try Self.scale(catalog, by: factor)
        }
    }

    /// The largest capacity a scaled session may get (see `Limits.maxCapacity`).
    static func scale(_ catalog: Catalog, by factor: Double) throws(RulesError) -> Catalog {
        var scaled = catalog
        for index in scaled.sessions.indices {
            let session = scaled.sessions[index]
            let capacity = (Double(session.capacity) * factor).rounded(.up)
            guard capacity.isFinite, capacity <= Double(Limits.maxCapacity) else {
                throw RulesError(
                    .capacityScale,
                    "--capacity-scale \(factor) gives session \(session.id) \(capacity) seats, more than the \(Limits.maxCapacity) allowed")
            }
            scaled.sessions[index].capacity = Int(capacity)
            scaled.sessions[index].minimum = min(
                Int(capacity), Int((Double(session.minimum) * factor).rounded(.down)))
        }
        return scaled
    }
}
