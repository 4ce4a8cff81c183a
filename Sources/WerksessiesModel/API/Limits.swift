/// Bounds on the numbers of the model, checked where the config is read, so that no capacity, weight,
/// objective or flow arithmetic can overflow `Int`.
///
/// Derivation (all magnitudes are upper bounds, `W` = `maxWeight`):
/// - a participant's score in a session is the interest fit (at most one `W` per matched keyword: at most
///   `maxKeywords`) + challenge (`W`) + stability (`W`): at most `(maxKeywords + 2) · W` ≈ 1.0e9;
/// - at most `maxSessions · maxCapacity` = 1e8 participants are placed: the placed scores sum to at most 1.0e17;
/// - every waitlisted participant costs `W` (the program is built for about 10^6 registrants; even 10^9
///   of them cost 1e15);
/// - the diversity cost of a session is at most `maxDiversity · M` (Assign's Rao-Stirling term
///   `diversity · M · (…)/C²` with `(…) ≤ C²`, M = C̄ · √(C̄ / 50) ≤ 1.5e8 for C̄ ≤ `maxCapacity`; its
///   products are taken in 128 bits): 1.5e13 per session, 1.5e15 for all;
/// so the objective stays within about 1.1e17, 80 times below `Int64.max` (9.2e18), and the flow network's
/// path costs (sums of at most a few edge costs, each within one participant's score) far below it.
public enum Limits {
    /// The most seats one session may have, in the catalog or after `--capacity-scale`.
    public static let maxCapacity = 1_000_000
    /// The most sessions a catalog may hold.
    public static let maxSessions = 100
    /// The most keywords all sessions together may list.
    public static let maxKeywords = 1_000
    /// The largest value of any weight of the objective.
    public static let maxWeight = 1_000_000
    /// The largest diversity weight (Assign's own bound, `Solver.maximumDiversity`).
    public static let maxDiversity = 100_000
    /// The most published runs `keep_runs` may keep.
    public static let maxKeepRuns = 10_000
}
