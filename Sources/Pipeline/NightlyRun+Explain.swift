import Assign
import Configuration
import Foundation
import Ingest
import Normalise
import State
import WerksessiesModel

extension NightlyRun {
    /// Explains the latest run's placement of one participant: scores per session and the deciding constraint.
    ///
    /// The run is recomputed from the same inputs and the state as it was before the latest run, so the
    /// explanation is that of the assignment that was published. Without `--input` the inputs are those the
    /// published run read (its run.json), with a warning for each file that changed since.
    public func explain(email: String) throws -> String {
        let (taxonomy, catalog) = try loadVocabulary()
        let store = try StateStore(path: statePath)
        let latest = try store.snapshot()
        let before = try store.snapshot(excluding: latest.previousRunID)
        guard let runID = latest.previousRunID else {
            throw PipelineError(.usage, "\(statePath): no published run yet; run `werksessies run` first")
        }
        let key = Registration.foldEmail(email)
        let publishedRun = options.inputs == nil ? publishedInputs() : nil
        let ingest = try readInputs(publishedRun?.specs)
        let (corrected, normalised, _, _) = correctAndNormalise(ingest, taxonomy: taxonomy, catalog: catalog)
        var options = self.options
        options.allowShrink = true
        let computed = try Self.compute(
            ingest: corrected, normalised: normalised, catalog: catalog, snapshot: before, config: config, options: options)
        guard let participant = computed.participants.first(where: { $0.emailKey == key }) else {
            throw PipelineError(.usage, "\(email): no registrant with this e-mail address in the inputs")
        }
        var lines = ["run \(runID)"] + (publishedRun?.notes ?? [])
        if participant.cancelled {
            lines.append("\(participant.name) <\(participant.email)> (\(participant.id))")
            lines.append("cancelled: not assigned")
            return lines.joined(separator: "\n")
        }
        let published = latest.previousSessions[participant.id] ?? nil
        let recomputed = computed.assignment.placementsByID()[participant.id]?.session
        if published != recomputed {
            lines.append(
                "note: the inputs changed since run \(runID) (published: \(published.map(String.init) ?? "waitlist"), now: \(recomputed.map(String.init) ?? "waitlist"))"
            )
        }
        if let explanation = Assigner.explain(
            participantID: participant.id, problem: computed.problem, assignment: computed.assignment)
        {
            lines.append(explanation.description)
        }
        return lines.joined(separator: "\n")
    }

    /// Pins (or unpins) a participant in the state database; returns a one-line confirmation.
    public func pin(email: String, session: Int?, remove: Bool) throws -> String {
        let key = Registration.foldEmail(email)
        if let session {
            let sessions = try CatalogFiles.loadCatalog(path: config.catalogPath).sessions.map(\.id)
            guard sessions.contains(session) else {
                throw PipelineError(
                    .usage,
                    "--session \(session): \(config.catalogPath) has no such session (sessions: \(sessions.map(String.init).joined(separator: ", ")))")
            }
        }
        let store = try StateStore(path: statePath)
        let snapshot = try store.snapshot()
        guard let participant = snapshot.registrants.values.first(where: { $0.emailKey == key }) else {
            throw PipelineError(.usage, "\(email): not a registrant of any published run")
        }
        if remove {
            try store.setPin(participantID: participant.id, session: nil, note: "")
            return "unpinned \(participant.email)"
        }
        guard let target = session ?? (snapshot.previousSessions[participant.id] ?? nil) else {
            throw PipelineError(.usage, "\(email): has no session in the latest run; give --session N")
        }
        try store.setPin(participantID: participant.id, session: target, note: "manual")
        return "pinned \(participant.email) to session \(target)"
    }
}
