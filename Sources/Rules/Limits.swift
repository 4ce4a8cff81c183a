/// Bounds on the numbers of the model, so that no capacity, weight or objective arithmetic can overflow.
public enum Limits {
    /// The most seats one session may have (a million: far beyond any event, small enough for the flow network).
    public static let maxCapacity = 1_000_000
}
