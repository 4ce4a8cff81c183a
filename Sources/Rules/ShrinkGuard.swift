import WerksessiesModel

/// The shrink guard: a night whose inputs hold far fewer registrants than the last, or that lost
/// registrants without a cancellation, is almost always a wrong or truncated export.
public struct ShrinkGuard: Sendable {
    /// The largest drop in registrants that is accepted, in percent of the last run's.
    public var maxShrinkPercent: Int
    /// Run anyway (`--allow-shrink`), keeping the missing registrants as last seen.
    public var allowShrink: Bool

    /// A guard with these settings.
    public init(maxShrinkPercent: Int, allowShrink: Bool) {
        self.maxShrinkPercent = maxShrinkPercent
        self.allowShrink = allowShrink
    }

    /// The registrants seen before and missing tonight without a cancellation, by id; throws when the
    /// guard stops the run. `ignoring` are participant ids that are not missing (an address merged into another
    /// by a correction).
    public func check(
        tonight participants: [Participant], snapshot: some PreviousRuns, ignoring: Set<String> = []
    ) throws(RulesError) -> [Participant] {
        let disappeared = Self.disappeared(tonight: participants, snapshot: snapshot).filter { !ignoring.contains($0.id) }
        guard !allowShrink else { return disappeared }
        let previous = snapshot.previousRegistrants
        if previous > 0, participants.count * 100 < previous * (100 - maxShrinkPercent) {
            throw RulesError(
                .shrinking,
                "tonight's inputs hold \(participants.count) registrants, last night's run had \(previous) (more than \(maxShrinkPercent)% fewer); check the input files or run with --allow-shrink")
        }
        if !disappeared.isEmpty {
            let examples = disappeared.prefix(3).map(\.email).joined(separator: ", ")
            throw RulesError(
                .disappeared,
                "\(disappeared.count) registrant(s) seen before are missing from tonight's inputs without a cancellation (e.g. \(examples)); check the input files or run with --allow-shrink to keep them")
        }
        return disappeared
    }

    static func disappeared(tonight participants: [Participant], snapshot: some PreviousRuns) -> [Participant] {
        guard !snapshot.registrants.isEmpty else { return [] }
        let tonight = Set(participants.map(\.id))
        return snapshot.registrants.values
            .filter { !tonight.contains($0.id) && !$0.cancelled }
            .sorted { $0.id < $1.id }
    }

    /// Adds the disappeared registrants as last seen (their seat stays theirs), each with a warning.
    public static func keep(
        _ disappeared: [Participant], in participants: inout [Participant], diagnostics: inout [Diagnostic]
    ) {
        for var participant in disappeared {
            participant.previousSession = nil
            participant.pinnedSession = nil
            participants.append(participant)
            diagnostics.append(
                Diagnostic(
                    file: participant.source.file, sheet: participant.source.sheet, row: participant.source.row,
                    column: "email", severity: .warning, code: "missing_registrant",
                    message: "registrant seen in an earlier run is missing from tonight's inputs; kept as last seen",
                    value: participant.email))
        }
    }
}
