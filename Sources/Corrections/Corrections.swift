import WerksessiesModel

/// The Corrections stage: the analysts' corrections applied to the ingested registrations, after Ingest and
/// before Normalise, every night (so that a fix survives the form tool's regenerated export).
public enum Corrections {
    /// What the corrections did to tonight's registrations.
    public struct Outcome: Sendable {
        /// The registrations with every correction applied (and the corrections' diagnostics added).
        public var ingest: IngestResult
        /// Corrections applied (each with a `corrected` diagnostic).
        public var applied: Int
        /// E-mail keys kept out of the assignment (`exclude`): they get no notification.
        public var excluded: Set<String>
        /// Participant ids of addresses merged into another one (`email`): not missing, not cancelled.
        public var mergedAway: Set<String>
        /// Keywords to take out of a participant's interests after normalisation, by e-mail key (`-keyword`).
        public var interestRemovals: [String: [Correction]]
        /// The corrections file, as named in diagnostics.
        public var file: String

        /// The summary, with the applied and refused corrections counted from the diagnostics of `normalised`
        /// too (where `-keyword` corrections are recorded).
        public func summary(_ normalised: NormaliseResult) -> Summary {
            let all = ingest.diagnostics + normalised.diagnostics
            let applied = all.reduce(0) { $0 + ($1.code == "corrected" ? 1 : 0) }
            let warnings = all.reduce(0) { $0 + ($1.file == file && $1.code.hasPrefix("correction") ? 1 : 0) }
            return Summary(file: file, applied: applied, warnings: warnings, excluded: excluded, mergedAway: mergedAway)
        }
    }

    /// What the rest of the run needs to know of the corrections (without the registrations).
    public struct Summary: Sendable, Hashable {
        /// The corrections file, as named in diagnostics.
        public var file: String
        /// Corrections applied.
        public var applied: Int
        /// Corrections not applied (warnings).
        public var warnings: Int
        /// E-mail keys kept out of the assignment: they get no notification.
        public var excluded: Set<String>
        /// Participant ids of addresses merged into another one: not missing tonight.
        public var mergedAway: Set<String>

        /// No corrections.
        public init(file: String = "", applied: Int = 0, warnings: Int = 0, excluded: Set<String> = [], mergedAway: Set<String> = []) {
            self.file = file
            self.applied = applied
            self.warnings = warnings
            self.excluded = excluded
            self.mergedAway = mergedAway
        }
    }

    /// Applies `list` to `ingest`; a correction that cannot be applied is a warning naming its row.
    public static func apply(
        _ list: CorrectionList, to ingest: IngestResult, language: ReportOptions.Language = .nl
    ) -> Outcome {
        var applier = CorrectionApplier(ingest: ingest, file: list.file, language: language)
        applier.diagnostics += list.diagnostics
        // Most nights have no corrections: then no index of every registrant is needed.
        if !list.corrections.isEmpty { applier.reindex() }
        // Merges first, so that a later row may use either address of the person.
        for correction in list.corrections where CorrectionField(named: correction.field) == .email {
            applier.merge(correction)
        }
        for correction in list.corrections where CorrectionField(named: correction.field) != .email {
            applier.apply(correction)
        }
        return applier.outcome()
    }
}
