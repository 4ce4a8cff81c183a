import Assign
import Configuration
import Foundation
import Ingest
import Metrics
import Normalise
import Rules
import State
import WerksessiesModel

/// The night's registrants, ready to be assigned (and recorded: they no longer change).
struct Prepared: Sendable {
    var participants: [Participant]
    var diagnostics: [Diagnostic]
    var catalog: Catalog
    var newPins: [String: Int]
    /// Registrants of earlier runs missing tonight, kept as last seen.
    var disappeared: Set<String>
}

/// Everything computed between the edges: the pure middle of the pipeline.
struct Computed: Sendable {
    var participants: [Participant]
    var diagnostics: [Diagnostic]
    var catalog: Catalog
    var assignment: Assignment
    var metrics: RunMetrics
    /// The assignment beside a lottery, first come first served and the interest-only optimum.
    var baselines: BaselineComparison? = nil
    var changes: [Change]
    /// Who is told what tonight (the messages are made while notifications.csv is written).
    var notificationScope = NotificationScope()
    var counts: RunCounts
    var newPins: [String: Int]
    var problem: AssignmentProblem
    /// The state of this run, being written on its own thread; commits after the publish.
    var pendingState: PendingRecord?
}

extension NightlyRun {
    /// Step 2: the assignment and its metrics. The state record starts on its own thread as soon as the
    /// registrants are final (during the assignment) and commits only after the publish (step 4).
    func compute(_ loaded: inout Loaded, timings: inout StageTimer) throws -> Computed {
        var computed = try timings.measure("assign") { try assign(loaded) }
        computed.pendingState?.supply(Self.decision(computed, runID: loaded.runID, startedAt: options.now))
        // From here on only the participants matter: the raw registrations and the normaliser's copies
        // go (at a million registrants they are hundreds of MB that the reports can use).
        loaded.ingest.registrations = []
        loaded.normalised = NormaliseResult(participants: [], diagnostics: [])
        computed.notificationScope = NotificationScope(
            firstNight: loaded.snapshot.previousRunID == nil, silenced: loaded.correctionSummary.excluded)
        logger.info(
            "assign: \(computed.counts.assigned) assigned, \(computed.counts.waitlisted) waitlisted, objective \(computed.assignment.objective)",
            metadata: ["seconds": "\(timings.last)"])
        (computed.metrics, computed.baselines) = timings.measure("metrics") {
            (MetricsCalculator.compute(
                catalog: computed.catalog, participants: computed.participants, assignment: computed.assignment,
                sameFamilyDistance: config.sameFamilyDistance),
             // Feasible whenever the assignment was: the baselines keep its constraints.
             try? Assigner.comparison(computed.problem, assignment: computed.assignment))
        }
        logger.info("metrics: \(computed.metrics.sessions.count) sessions", metadata: ["seconds": "\(timings.last)"])
        return computed
    }

    /// The prepared registrants assigned; their state record starts on its own thread meanwhile.
    func assign(_ loaded: Loaded) throws -> Computed {
        let prepared = try Self.prepare(
            ingest: loaded.ingest, normalised: loaded.normalised, catalog: loaded.catalog,
            snapshot: loaded.snapshot, config: config, options: options,
            mergedAway: loaded.correctionSummary.mergedAway)
        let pending = loaded.store.beginRecord(
            runID: loaded.runID, participants: prepared.participants, basis: loaded.snapshot)
        do {
            var computed = try Self.solve(prepared, ingest: loaded.ingest, snapshot: loaded.snapshot, weights: config.weights)
            computed.pendingState = pending
            return computed
        } catch {
            pending.cancel()
            throw error
        }
    }

    /// What the state records of the assignment.
    static func decision(_ computed: Computed, runID: String, startedAt: Date) -> RunDecision {
        RunDecision(
            summary: RunSummary(
                runID: runID, startedAt: startedAt, registrants: computed.counts.registrants,
                assigned: computed.counts.assigned, waitlisted: computed.counts.waitlisted, meanShannon: 0,
                objective: computed.assignment.objective),
            placements: computed.assignment.placements, newPins: computed.newPins)
    }

    /// The pure middle of a run without metrics: state merge, guards, pins, capacity scaling, assignment and changes.
    static func compute(
        ingest: IngestResult, normalised: NormaliseResult, catalog: Catalog, snapshot: StateSnapshot,
        config: PipelineConfig, options: RunOptions
    ) throws -> Computed {
        let prepared = try prepare(
            ingest: ingest, normalised: normalised, catalog: catalog, snapshot: snapshot, config: config, options: options)
        return try solve(prepared, ingest: ingest, snapshot: snapshot, weights: config.weights)
    }

    /// The night's registrants before the assignment: state merge, guards, pins and capacity scaling (Rules).
    static func prepare(
        ingest: IngestResult, normalised: NormaliseResult, catalog: Catalog, snapshot: StateSnapshot,
        config: PipelineConfig, options: RunOptions, mergedAway: Set<String> = []
    ) throws -> Prepared {
        var participants = normalised.participants
        var diagnostics = ingest.diagnostics + normalised.diagnostics
        let shrinkGuard = ShrinkGuard(maxShrinkPercent: config.maxShrinkPercent, allowShrink: options.allowShrink)
        let disappeared = try shrinkGuard.check(tonight: participants, snapshot: snapshot, ignoring: mergedAway)
        ShrinkGuard.keep(disappeared, in: &participants, diagnostics: &diagnostics)
        let pins = Pins(
            pinnedEmails: Set(config.pins.map(Registration.foldEmail)),
            confirmed: Set(ingest.registrations.filter(\.confirmed).map(\.emailKey)))
        let newPins = pins.apply(to: &participants, snapshot: snapshot, sessionIDs: Set(catalog.sessions.map(\.id)))
        let active = participants.reduce(0) { $0 + ($1.cancelled ? 0 : 1) }
        return Prepared(
            participants: participants, diagnostics: diagnostics,
            catalog: try options.capacityScale.apply(to: catalog, active: active), newPins: newPins,
            disappeared: Set(disappeared.map(\.id)))
    }

    /// The assignment of prepared registrants, with the changes since the snapshot and the run's counts.
    static func solve(
        _ prepared: Prepared, ingest: IngestResult, snapshot: StateSnapshot, weights: Weights
    ) throws -> Computed {
        let participants = prepared.participants
        let problem = AssignmentProblem(
            participants: participants.filter { !$0.cancelled }, sessions: prepared.catalog.sessions, weights: weights)
        let assignment = try Assigner.solve(problem)
        let changes = Changes.since(
            snapshot, participants: participants, assignment: assignment, missing: prepared.disappeared)
        let assigned = assignment.placements.reduce(0) { $0 + ($1.session == nil ? 0 : 1) }
        let counts = RunCounts(
            rowsRead: ingest.counts.rowsRead, rejected: ingest.counts.rejected,
            duplicatesMerged: ingest.counts.duplicatesMerged, registrants: ingest.registrations.count,
            cancelled: participants.reduce(0) { $0 + ($1.cancelled ? 1 : 0) }, assigned: assigned,
            waitlisted: assignment.placements.count - assigned, carriedOver: prepared.disappeared.count)
        return Computed(
            participants: participants, diagnostics: prepared.diagnostics + assignment.diagnostics,
            catalog: prepared.catalog, assignment: assignment, metrics: RunMetrics(sessions: [], quality: []),
            changes: changes, counts: counts, newPins: prepared.newPins, problem: problem)
    }
}

/// The state's snapshot is what the rules know of earlier runs.
extension StateSnapshot: PreviousRuns {}
