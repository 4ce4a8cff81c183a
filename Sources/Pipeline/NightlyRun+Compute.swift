import Assign
import Foundation
import Ingest
import State
import WerksessiesModel

extension NightlyRun {
    /// The pure middle of a run: state merge, guards, pins, capacity scaling, assignment and changes.
    static func compute(
        ingest: IngestResult, normalised: NormaliseResult, catalog: Catalog, snapshot: StateSnapshot,
        config: PipelineConfig, options: RunOptions
    ) throws -> Computed {
        let prepared = try prepare(
            ingest: ingest, normalised: normalised, catalog: catalog, snapshot: snapshot, config: config, options: options)
        return try solve(prepared, ingest: ingest, snapshot: snapshot, weights: config.weights)
    }

    /// The night's registrants before the assignment: state merge, guards, pins and capacity scaling.
    static func prepare(
        ingest: IngestResult, normalised: NormaliseResult, catalog baseCatalog: Catalog, snapshot: StateSnapshot,
        config: PipelineConfig, options: RunOptions
    ) throws -> Prepared {
        var participants = normalised.participants
        var diagnostics = ingest.diagnostics + normalised.diagnostics
        // Shrink guard: far fewer registrants than last night, or registrants that disappeared without a cancellation.
        var disappeared: [Participant] = []
        if !snapshot.registrants.isEmpty {
            let tonight = Set(participants.map(\.id))
            disappeared = snapshot.registrants.values
                .filter { !tonight.contains($0.id) && !$0.cancelled }
                .sorted { $0.id < $1.id }
        }
        if !options.allowShrink {
            let previous = snapshot.previousRegistrants
            if previous > 0, participants.count * 100 < previous * (100 - config.maxShrinkPercent) {
                throw PipelineError(
                    .guardStop,
                    "tonight's inputs hold \(participants.count) registrants, last night's run had \(previous) (more than \(config.maxShrinkPercent)% fewer); check the input files or run with --allow-shrink"
                )
            }
            if !disappeared.isEmpty {
                let examples = disappeared.prefix(3).map(\.email).joined(separator: ", ")
                throw PipelineError(
                    .guardStop,
                    "\(disappeared.count) registrant(s) seen before are missing from tonight's inputs without a cancellation (e.g. \(examples)); check the input files or run with --allow-shrink to keep them"
                )
            }
        }
        // Disappeared registrants are kept as last seen (their seat stays theirs).
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

        // Pins and last night's sessions.
        let sessionIDs = Set(baseCatalog.sessions.map(\.id))
        let pinnedEmails = Set(config.pins.map(Registration.foldEmail))
        let confirmed = Set(ingest.registrations.filter(\.confirmed).map(\.emailKey))
        var newPins: [String: Int] = [:]
        let firstNight = snapshot.previousSessions.isEmpty && snapshot.pins.isEmpty
        for index in participants.indices where !firstNight || participants[index].cancelled {
            let id = participants[index].id
            let previous = snapshot.previousSessions[id] ?? nil
            participants[index].previousSession = previous
            if let pin = snapshot.pins[id], sessionIDs.contains(pin) {
                participants[index].pinnedSession = pin
            } else if let previous,
                pinnedEmails.contains(participants[index].emailKey) || confirmed.contains(participants[index].emailKey)
            {
                participants[index].pinnedSession = previous
                newPins[id] = previous
            }
            if participants[index].cancelled { participants[index].pinnedSession = nil }
        }

        // Capacities.
        var catalog = baseCatalog
        let active = participants.filter { !$0.cancelled }
        switch options.capacityScale {
        case .none:
            break
        case .auto:
            let seats = catalog.sessions.reduce(0) { $0 + $1.capacity }
            if seats > 0 {
                let factor = 1.1 * Double(active.count) / Double(seats)
                scale(&catalog, by: factor)
            }
        case .factor(let factor):
            scale(&catalog, by: factor)
        }

        return Prepared(
            participants: participants, diagnostics: diagnostics, catalog: catalog, newPins: newPins,
            disappeared: Set(disappeared.map(\.id)))
    }

    /// The assignment of prepared registrants, with the changes since the snapshot and the run's counts.
    static func solve(
        _ prepared: Prepared, ingest: IngestResult, snapshot: StateSnapshot, weights: Weights
    ) throws -> Computed {
        let participants = prepared.participants
        var diagnostics = prepared.diagnostics
        let active = participants.filter { !$0.cancelled }
        let problem = AssignmentProblem(participants: active, sessions: prepared.catalog.sessions, weights: weights)
        let assignment: Assignment
        do {
            assignment = try Assigner.solve(problem)
        } catch let error as AssignError {
            throw PipelineError(.infeasible, "assignment infeasible: \(error.message)")
        }
        diagnostics += assignment.diagnostics

        let changes = Self.changes(
            participants: participants, assignment: assignment, snapshot: snapshot, missing: prepared.disappeared)
        let assigned = assignment.placements.filter { $0.session != nil }.count
        let counts = RunCounts(
            rowsRead: ingest.counts.rowsRead, rejected: ingest.counts.rejected,
            duplicatesMerged: ingest.counts.duplicatesMerged, registrants: ingest.registrations.count,
            cancelled: participants.filter(\.cancelled).count, assigned: assigned,
            waitlisted: assignment.placements.count - assigned, carriedOver: prepared.disappeared.count)
        return Computed(
            participants: participants, diagnostics: diagnostics, catalog: prepared.catalog,
            assignment: assignment, metrics: RunMetrics(sessions: [], quality: []), changes: changes, counts: counts,
            newPins: prepared.newPins, problem: problem)
    }

    static func scale(_ catalog: inout Catalog, by factor: Double) {
        for index in catalog.sessions.indices {
            let session = catalog.sessions[index]
            catalog.sessions[index].capacity = Int((Double(session.capacity) * factor).rounded(.up))
            catalog.sessions[index].minimum = min(
                catalog.sessions[index].capacity, Int((Double(session.minimum) * factor).rounded(.down)))
        }
    }

    /// What changed since the previous run, in participant-id order.
    static func changes(
        participants: [Participant], assignment: Assignment, snapshot: StateSnapshot, missing: Set<String> = []
    ) -> [Change] {
        guard snapshot.previousRunID != nil else {
            return []
        }
        let placementIndex = assignment.placementIndices(for: participants)
        let ids = participants.map(\.id)
        var changes: [Change] = []
        for index in ByteOrder.sortedIndices(ids) {
            let participant = participants[index]
            let before = snapshot.previousSessions[participant.id]
            let placement = placementIndex[index] >= 0 ? assignment.placements[placementIndex[index]] : nil
            let now = placement?.session
            let reason = placement?.explanation ?? ""
            if participant.cancelled {
                if let before, snapshot.registrants[participant.id]?.cancelled != true {
                    changes.append(
                        Change(
                            participantID: participant.id, email: participant.email, kind: .cancelled,
                            fromSession: before, toSession: nil, reason: "afgemeld"))
                }
                continue
            }
            if missing.contains(participant.id) {
                changes.append(
                    Change(
                        participantID: participant.id, email: participant.email, kind: .disappeared,
                        fromSession: before ?? nil, toSession: now,
                        reason: "ontbreekt in de invoer van vannacht; behouden zoals laatst gezien"))
                continue
            }
            guard let before else {
                changes.append(
                    Change(
                        participantID: participant.id, email: participant.email, kind: .new, fromSession: nil,
                        toSession: now, reason: reason))
                continue
            }
            switch (before, now) {
            case (let from?, let to?) where from != to:
                changes.append(
                    Change(
                        participantID: participant.id, email: participant.email, kind: .moved, fromSession: from,
                        toSession: to, reason: reason))
            case (let from?, nil):
                changes.append(
                    Change(
                        participantID: participant.id, email: participant.email, kind: .waitlisted, fromSession: from,
                        toSession: nil, reason: reason))
            case (nil, let to?):
                changes.append(
                    Change(
                        participantID: participant.id, email: participant.email, kind: .promoted, fromSession: nil,
                        toSession: to, reason: reason))
            default:
                break
            }
        }
        return changes
    }
}
