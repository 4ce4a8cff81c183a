import WerksessiesModel

/// What the rules need to know of earlier runs (the state's snapshot provides it, without copies).
public protocol PreviousRuns {
    /// The latest published run, if any.
    var previousRunID: String? { get }
    /// Session per participant id in the latest published run (`nil` = waitlisted).
    var previousSessions: [String: Int?] { get }
    /// Pinned session per participant id.
    var pins: [String: Int] { get }
    /// Every registrant ever seen, as last seen, by participant id.
    var registrants: [String: Participant] { get }
    /// Unique registrants of the latest published run.
    var previousRegistrants: Int { get }
}
