import Dispatch
import Foundation
import WerksessiesModel

/// Look-ups shared by every report of a run, computed once (and shared across writer threads by
/// reference: a copy per row or per job would retain every one of its arrays and dictionaries).
final class ReportContext: Sendable {
    let bundle: ReportBundle
    let language: ReportOptions.Language
    /// Index into `bundle.assignment.placements` of each participant's placement, aligned with
    /// `bundle.participants` (-1 for cancelled or unplaced); indices, not copies of every placement.
    let placementIndex: [Int]
    let disciplineLabels: [String: String]
    let familyLabels: [String: String]
    /// Families in taxonomy order, then any other family met in the data (sorted).
    let families: [String]
    let keywordLabels: [String: String]
    let metricsBySession: [Int: SessionMetrics]
    /// Session id → indices into `bundle.participants` of its assigned participants, in Dutch surname order.
    let members: [Int: [Int]]
    /// Session id → members who gave consent / who are outside their comfort zone.
    let consenting: [Int: Int]
    let outside: [Int: Int]
    let timeZone: TimeZone
    let protection: SmallCellProtection
    /// Session id → ids of the participants who are on its list for the first time (new, moved in or
    /// promoted since the previous run; empty on the first run, which has no previous list).
    let arrivals: [Int: Set<String>]
    /// Participant id → index into `bundle.participants`, for the participants in `bundle.changes`.
    let changedParticipants: [String: Int]
    /// The run's start as "d-M-yyyy HH:mm" in the event's time zone (footers).
    let runDateText: String

    init(_ bundle: ReportBundle) {
        self.bundle = bundle
        language = bundle.options.language
        let placements = bundle.assignment.placements
        placementIndex = bundle.assignment.placementIndices(for: bundle.participants)
        disciplineLabels = Dictionary(bundle.taxonomy.disciplines.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        familyLabels = Dictionary(bundle.taxonomy.families.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        var keywordLabels = Dictionary(bundle.taxonomy.keywords.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        for session in bundle.catalog.sessions {
            for keyword in session.keywords { keywordLabels[keyword.id] = keyword.label }
        }
        self.keywordLabels = keywordLabels
        metricsBySession = Dictionary(bundle.metrics.sessions.map { ($0.session, $0) }, uniquingKeysWith: { a, _ in a })

        var families = bundle.taxonomy.families.map(\.id)
        var known = Set(families)
        var extra = Set<String>()
        for metrics in bundle.metrics.sessions {
            for family in metrics.familyCounts.keys where !known.contains(family) { extra.insert(family) }
        }
        for participant in bundle.participants {
            if let family = participant.family, !known.contains(family) { extra.insert(family) }
        }
        families += extra.sorted()
        known.formUnion(extra)
        self.families = families

        var members: [Int: [Int]] = [:]
        var consenting: [Int: Int] = [:]
        var outside: [Int: Int] = [:]
        for (index, participant) in bundle.participants.enumerated() where !participant.cancelled {
            let p = placementIndex[index]
            if p >= 0, let session = placements[p].session {
                members[session, default: []].append(index)
                if participant.consent { consenting[session, default: 0] += 1 }
                if placements[p].outsideComfortZone { outside[session, default: 0] += 1 }
            }
        }
        self.consenting = consenting
        self.outside = outside
        let participants = bundle.participants
        // Each session's members in Dutch list order (surname without infix, given names, infix: DutchNameOrder),
        // then id: one key "name NUL id" per member in UTF-8 byte order, sorted on 64-bit prefixes first; sessions
        // in parallel.
        let sessions = members.keys.sorted()
        let unsorted = members
        let sorted = IndexedResults<[Int]>(count: sessions.count)
        DispatchQueue.concurrentPerform(iterations: sessions.count) { k in
            let indices = unsorted[sessions[k]] ?? []
            let keys = indices.map { DutchNameOrder.listKey(name: participants[$0].name, id: participants[$0].id) }
            sorted.set(k, ByteOrder.sortedIndices(keys).map { indices[$0] })
        }
        for (k, session) in sessions.enumerated() { members[session] = sorted.value(k) ?? [] }
        self.members = members
        timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 0)!
        protection = SmallCellProtection(threshold: bundle.options.smallCellThreshold)
        var arrivals: [Int: Set<String>] = [:]
        if !bundle.history.isEmpty {
            for change in bundle.changes where [.new, .moved, .promoted].contains(change.kind) {
                if let session = change.toSession { arrivals[session, default: []].insert(change.participantID) }
            }
        }
        self.arrivals = arrivals
        let changedIDs = Set(bundle.changes.map(\.participantID))
        var changedParticipants: [String: Int] = [:]
        if !changedIDs.isEmpty {
            for (index, participant) in participants.enumerated() where changedIDs.contains(participant.id) {
                changedParticipants[participant.id] = index
            }
        }
        self.changedParticipants = changedParticipants
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "nl_NL")
        formatter.timeZone = timeZone
        formatter.dateFormat = "d-M-yyyy HH:mm"
        runDateText = formatter.string(from: bundle.manifest.startedAt)
    }

    /// A label in the report language.
    func callAsFunction(_ label: ReportLabel) -> String { label.text(language) }

    /// A diagnostic's severity in words of the report language ("fout", "waarschuwing", "ter info").
    func severity(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: self(.severityError)
        case .warning: self(.severityWarning)
        case .info: self(.severityInfo)
        }
    }

    /// What a data-quality code means, in plain words of the report language (the code itself when unknown).
    func meaning(ofCode code: String) -> String {
        DataQualityAdvice.meaning(of: code, in: language) ?? code
    }

    /// The event name: the catalog's, else the configured one.
    var eventName: String {
        bundle.catalog.event.isEmpty ? bundle.options.eventName : bundle.catalog.event
    }

    /// "Sessie 3" / "Session 3".
    func sessionLabel(_ id: Int) -> String { "\(self(.session)) \(id)" }

    func familyLabel(_ id: String?) -> String {
        guard let id else { return self(.unknown) }
        return familyLabels[id] ?? id
    }

    func disciplineLabel(_ id: String?) -> String {
        guard let id else { return self(.unknown) }
        return disciplineLabels[id] ?? id
    }

    func keywordLabel(_ id: String) -> String { keywordLabels[id] ?? id }

    /// The metrics of a session (a zero record when the Metrics stage gave none).
    func metrics(_ session: Session) -> SessionMetrics {
        if let m = metricsBySession[session.id] { return m }
        let count = members[session.id]?.count ?? 0
        return SessionMetrics(
            session: session.id, title: session.title, capacity: session.capacity, participants: count,
            disciplines: 0, unknownDiscipline: 0, shannon: 0, evenness: 0, giniSimpson: 0, inverseSimpson: 0,
            raoStirling: 0, raoStirlingEffective: 0, maxFamilyShare: 0, organisations: 0, maxOrganisationShare: 0,
            keywordCoverage: 0, meanMatchedKeywords: 0, shareWithMatch: 0, outsideComfortZoneShare: 0,
            familyCounts: [:], keywordDepth: [])
    }

    /// Interested participants per keyword of the session, for every keyword of the session, in catalog order.
    func keywordDepth(_ session: Session) -> [(id: String, label: String, count: Int)] {
        let depth = metrics(session).keywordDepth
        var byID: [String: Int] = [:]
        for entry in depth { byID[entry.keyword] = entry.interestedParticipants }
        var rows = session.keywords.map { (id: $0.id, label: $0.label, count: byID[$0.id] ?? 0) }
        let listed = Set(session.keywordIDs)
        for entry in depth where !listed.contains(entry.keyword) {
            rows.append((id: entry.keyword, label: entry.label, count: entry.interestedParticipants))
        }
        return rows
    }

    /// Family → count for a session, plus participants whose family is unknown.
    func familyCounts(_ session: Session) -> (counts: [Int], unknown: Int) {
        let m = metrics(session)
        let counts = families.map { m.familyCounts[$0] ?? 0 }
        let unknown = max(0, m.participants - counts.reduce(0, +))
        return (counts, unknown)
    }

    /// Assigned / waitlisted / cancelled for a registrant, with the index of their placement (-1: none).
    func status(of index: Int) -> (status: String, placement: Int) {
        if bundle.participants[index].cancelled { return ("cancelled", -1) }
        let p = placementIndex[index]
        guard p >= 0 else { return ("waitlisted", -1) }
        return (bundle.assignment.placements[p].session == nil ? "waitlisted" : "assigned", p)
    }
}
