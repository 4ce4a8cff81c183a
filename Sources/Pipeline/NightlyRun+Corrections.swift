import Corrections
import Foundation
import Digest
import Normalise
import Publishing
import WerksessiesModel

extension NightlyRun {
    /// The corrections file (`corrections:` in the config), read at the edge; a missing file holds none,
    /// an unreadable one is a warning (a correction never fails the night).
    func readCorrections() -> (CorrectionList, sha256: String) {
        let path = config.correctionsPath
        guard FileManager.default.fileExists(atPath: path) else { return (CorrectionList(file: path), "") }
        guard let data = FileManager.default.contents(atPath: path) else {
            let warning = Diagnostic(
                file: path, severity: .warning, code: "corrections_unreadable",
                message: config.reportOptions.language == .nl
                    ? "correctiebestand niet te lezen; geen correcties toegepast"
                    : "corrections file cannot be read; no corrections applied")
            return (CorrectionList(file: path, diagnostics: [warning]), "")
        }
        let bytes = [UInt8](data)
        return (CorrectionsFile.parse(bytes, file: path, language: config.reportOptions.language), SHA256.hex(of: data))
    }

    /// Ingest's registrations with the corrections applied, normalised, with the `-keyword` corrections.
    func correctAndNormalise(
        _ ingest: IngestResult, taxonomy: Taxonomy, catalog: Catalog
    ) -> (IngestResult, NormaliseResult, CorrectionCounts, Corrections.Summary) {
        let (list, sha256) = readCorrections()
        let language = config.reportOptions.language
        var outcome = Corrections.apply(list, to: ingest, language: language)
        let normalised = Corrections.finish(
            Normaliser(taxonomy: taxonomy, catalog: catalog).normalise(outcome.ingest.registrations), outcome: outcome,
            taxonomy: taxonomy, language: language)
        let summary = outcome.summary(normalised)
        let corrected = outcome.ingest
        outcome.ingest = IngestResult(registrations: [], diagnostics: [], counts: IngestCounts(), files: [])
        let counts = CorrectionCounts(
            file: list.file, sha256: sha256, applied: summary.applied, warnings: summary.warnings)
        return (corrected, normalised, counts, summary)
    }

    /// Appends a correction to the corrections file (a temporary file renamed over it); returns a confirmation.
    public func correct(email: String, field: String, value: String, note: String) throws -> String {
        guard let known = CorrectionField(named: field) else {
            let fields = CorrectionField.allCases.map(\.rawValue).joined(separator: ", ")
            throw PipelineError(.usage, "'\(field)' is not a field that can be corrected (fields: \(fields))")
        }
        guard !email.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw PipelineError(.usage, "give the participant's e-mail address")
        }
        let path = config.correctionsPath
        let existing = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        let row = Correction(email: email, field: known.rawValue, value: value, note: note, row: 0)
        try Publisher.writeAtomically(Data(CorrectionsFile.appending(row, to: existing)), to: path)
        return "\(path): \(email) \(known.rawValue) → \(value) (applied from the next run or validate on)"
    }
}
