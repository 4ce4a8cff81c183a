import WerksessiesModel

/// Last night's sessions and the pins: a pinned participant (in the state, in the config, or confirmed
/// in tonight's inputs) keeps their session.
public struct Pins: Sendable {
    /// E-mail keys pinned in the config.
    public var pinnedEmails: Set<String>
    /// E-mail keys whose registration is confirmed tonight.
    public var confirmed: Set<String>

    /// Pins from the config's e-mail addresses and tonight's confirmed registrations.
    public init(pinnedEmails: Set<String>, confirmed: Set<String>) {
        self.pinnedEmails = pinnedEmails
        self.confirmed = confirmed
    }

    /// Sets every participant's previous and pinned session; returns the pins that are new tonight.
    public func apply(
        to participants: inout [Participant], snapshot: some PreviousRuns, sessionIDs: Set<Int>
    ) -> [String: Int] {
        var newPins: [String: Int] = [:]
        let firstNight = snapshot.previousSessions.isEmpty && snapshot.pins.isEmpty
        for index in participants.indices where !firstNight || participants[index].cancelled {
            let id = participants[index].id
            let previous = snapshot.previousSessions[id] ?? nil
            participants[index].previousSession = previous
            if let pin = snapshot.pins[id], sessionIDs.contains(pin) {
                participants[index].pinnedSession = pin
            } else if let previous, isPinned(participants[index].emailKey) {
                participants[index].pinnedSession = previous
                newPins[id] = previous
            }
            if participants[index].cancelled { participants[index].pinnedSession = nil }
        }
        return newPins
    }

    func isPinned(_ emailKey: String) -> Bool {
        pinnedEmails.contains(emailKey) || confirmed.contains(emailKey)
    }
}
