import WerksessiesModel

/// Whom to tell what after a night: one notification per participant whose situation changed (new, moved,
/// waitlisted, promoted, cancelled), with a ready Dutch text that says why.
public enum Notifications {
    /// Tonight's notifications handed to `body` one at a time, in order: from `changes`, or on a first night every
    /// active participant as new; a participant pinned to the session they keep was told already, and the scope's
    /// silenced e-mail keys (kept out by a correction) get none. A first night of a million participants never holds
    /// a million messages, nor a look-up of every participant by id.
    public static func forEach(
        changes: [Change], scope: NotificationScope, participants: [Participant], assignment: Assignment, catalog: Catalog,
        _ body: (ParticipantNotification) throws -> Void
    ) rethrows {
        let placementIndex = assignment.placementIndices(for: participants)
        let sessions = Dictionary(catalog.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func notify(_ index: Int, _ change: Change) throws {
            let participant = participants[index]
            guard !scope.silenced.contains(participant.emailKey) else { return }
            let placement = placementIndex[index] >= 0 ? assignment.placements[placementIndex[index]] : nil
            if let pinned = participant.pinnedSession, pinned == placement?.session { return }
            guard let kind = kind(of: change) else { return }
            let session = kind == .cancelled ? change.fromSession : change.toSession
            try body(ParticipantNotification(
                participantID: participant.id, email: participant.email, name: participant.name, session: session,
                sessionTitle: session.flatMap { sessions[$0]?.title } ?? "", change: kind,
                message: NotificationText.message(
                    kind, participant: participant, placement: placement, change: change, sessions: sessions)))
        }
        if scope.firstNight {
            // Every active participant is new, in id order (there is no earlier run to compare with).
            let active = participants.indices.filter { !participants[$0].cancelled }
            for index in ByteOrder.sortedIndices(active.map { participants[$0].id }).map({ active[$0] }) {
                let session = placementIndex[index] >= 0 ? assignment.placements[placementIndex[index]].session : nil
                try notify(index, Change(
                    participantID: participants[index].id, email: participants[index].email, kind: .new,
                    fromSession: nil, toSession: session))
            }
        } else {
            let wanted = Set(changes.map(\.participantID))
            var byID: [String: Int] = [:]
            for (index, participant) in participants.enumerated() where wanted.contains(participant.id) && byID[participant.id] == nil {
                byID[participant.id] = index
            }
            for change in changes {
                if let index = byID[change.participantID] { try notify(index, change) }
            }
        }
    }

    /// What a change means for the participant (a registrant missing tonight is told nothing).
    static func kind(of change: Change) -> ParticipantNotification.Change? {
        switch change.kind {
        case .new: change.toSession == nil ? .waitlisted : .new
        case .moved: .moved
        case .waitlisted: .waitlisted
        case .promoted: .promoted
        case .cancelled: .cancelled
        case .disappeared: nil
        }
    }
}

/// The Dutch mail-merge texts.
enum NotificationText {
    static func message(
        _ kind: ParticipantNotification.Change, participant: Participant, placement: Placement?, change: Change,
        sessions: [Int: Session]
    ) -> String {
        let greeting = "Beste \(firstName(participant.name)),"
        func named(_ id: Int?) -> String {
            guard let id else { return "" }
            return "werksessie \(id)" + (sessions[id].map { " '\($0.title)'" } ?? "")
        }
        let why = reasons(placement, session: placement?.session.flatMap { sessions[$0] })
        switch kind {
        case .new:
            return "\(greeting) je bent ingedeeld bij \(named(change.toSession)). \(why)"
        case .moved:
            let reason = placement?.explanation ?? change.reason
            return "\(greeting) je indeling is gewijzigd: je bent nu ingedeeld bij \(named(change.toSession)) in plaats van \(named(change.fromSession)). Reden: \(lowered(reason)). \(why)"
        case .promoted:
            return "\(greeting) er is een plaats vrijgekomen: je bent van de wachtlijst ingedeeld bij \(named(change.toSession)). \(why)"
        case .waitlisted:
            let left = change.fromSession.map { " Je plaats bij \(named($0)) is helaas vervallen." } ?? ""
            return "\(greeting) de werksessies die bij je passen zijn op dit moment vol, daarom sta je op de wachtlijst.\(left) We laten het je weten zodra er een plaats vrijkomt."
        case .cancelled:
            return "\(greeting) we hebben je afmelding ontvangen; je bent niet meer ingedeeld bij \(named(change.fromSession)). Wil je toch komen, meld je dan opnieuw aan."
        }
    }

    /// Why this session: the matched interests, and the challenge outside one's own field.
    static func reasons(_ placement: Placement?, session: Session?) -> String {
        guard let placement else { return "" }
        let labels = Dictionary(
            (session?.keywords ?? []).map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        var text = placement.matchedKeywords.isEmpty
            ? "Je opgegeven interesses passen bij geen enkele sessie precies; deze sessie heeft nog plaats en een gemengd gezelschap."
            : "Deze sessie past bij je interesses: \(placement.matchedKeywords.map { labels[$0] ?? $0 }.joined(separator: ", "))."
        if placement.outsideComfortZone {
            text += " Ze ligt bewust buiten je eigen vakgebied, om je uit te dagen."
        }
        return text
    }

    static func firstName(_ name: String) -> String {
        name.split(separator: " ").first.map(String.init) ?? "deelnemer"
    }

    static func lowered(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
