import WerksessiesModel

/// What changed since the previous run (changes.csv), with the Dutch reasons shown to analysts.
public enum Changes {
    /// The reason of a cancellation.
    static let cancelledReason = "afgemeld"
    /// The reason of a registrant missing tonight and kept as last seen.
    static let disappearedReason = "ontbreekt in de invoer van vannacht; behouden zoals laatst gezien"

    /// The changes since `snapshot`'s run, in participant-id order; none on a first night.
    public static func since(
        _ snapshot: some PreviousRuns, participants: [Participant], assignment: Assignment, missing: Set<String> = []
    ) -> [Change] {
        guard snapshot.previousRunID != nil else { return [] }
        let placementIndex = assignment.placementIndices(for: participants)
        var changes: [Change] = []
        for index in ByteOrder.sortedIndices(participants.map(\.id)) {
            let placement = placementIndex[index] >= 0 ? assignment.placements[placementIndex[index]] : nil
            if let change = change(
                of: participants[index], placement: placement, snapshot: snapshot,
                missing: missing.contains(participants[index].id))
            {
                changes.append(change)
            }
        }
        return changes
    }

    /// The change of one participant, if any.
    static func change(
        of participant: Participant, placement: Placement?, snapshot: some PreviousRuns, missing: Bool
    ) -> Change? {
        let before = snapshot.previousSessions[participant.id]
        let now = placement?.session
        func change(_ kind: Change.Kind, _ from: Int?, _ to: Int?, _ reason: String) -> Change {
            Change(participantID: participant.id, email: participant.email, kind: kind, fromSession: from, toSession: to, reason: reason)
        }
        if participant.cancelled {
            guard let before, snapshot.registrants[participant.id]?.cancelled != true else { return nil }
            return change(.cancelled, before, nil, cancelledReason)
        }
        if missing { return change(.disappeared, before ?? nil, now, disappearedReason) }
        let reason = placement?.explanation ?? ""
        guard let before else { return change(.new, nil, now, reason) }
        switch (before, now) {
        case (let from?, let to?) where from != to: return change(.moved, from, to, reason)
        case (let from?, nil): return change(.waitlisted, from, nil, reason)
        case (nil, let to?): return change(.promoted, nil, to, reason)
        default: return nil
        }
    }
}
