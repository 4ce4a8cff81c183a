/// A message for one participant whose situation changed tonight (`notifications.csv`, for a mail merge).
public struct ParticipantNotification: Sendable, Hashable, Codable {
    /// What changed for the participant.
    public enum Change: String, Sendable, Hashable, Codable, CaseIterable {
        case new, moved, waitlisted, promoted, cancelled
    }

    public var participantID: String
    public var email: String
    public var name: String
    /// The session the participant now has (the one left, for a cancellation; nil on the waitlist).
    public var session: Int?
    public var sessionTitle: String
    public var change: Change
    /// The ready text, starting with "Beste <first name>,".
    public var message: String

    public init(
        participantID: String, email: String, name: String, session: Int?, sessionTitle: String, change: Change,
        message: String
    ) {
        self.participantID = participantID
        self.email = email
        self.name = name
        self.session = session
        self.sessionTitle = sessionTitle
        self.change = change
        self.message = message
    }
}

/// What decides tonight's notifications besides the changes: on a first night every participant is new, and
/// participants kept out by a correction are told nothing.
public struct NotificationScope: Sendable, Hashable {
    /// No earlier run: every active participant is told their session.
    public var firstNight: Bool
    /// E-mail keys kept out of the assignment by a correction.
    public var silenced: Set<String>

    /// Creates a scope (by default: not a first night, nobody silenced).
    public init(firstNight: Bool = false, silenced: Set<String> = []) {
        self.firstNight = firstNight
        self.silenced = silenced
    }
}
