import WerksessiesModel

extension Corrections {
    /// Takes the `-keyword` corrections out of the normalised interests (a keyword matched by its id, label or a
    /// synonym); each removal is recorded as `corrected`, a keyword the participant does not hold is a warning.
    public static func finish(
        _ normalised: NormaliseResult, outcome: Outcome, taxonomy: Taxonomy, language: ReportOptions.Language = .nl
    ) -> NormaliseResult {
        guard !outcome.interestRemovals.isEmpty else { return normalised }
        let say = Wording(language)
        var result = normalised
        for index in result.participants.indices {
            guard let removals = outcome.interestRemovals[result.participants[index].emailKey] else { continue }
            for correction in removals {
                let ids = keywordIDs(matching: correction.value, in: taxonomy)
                let before = result.participants[index].interests
                let after = before.filter { !ids.contains($0) }
                let email = result.participants[index].email
                guard after != before else {
                    result.diagnostics.append(
                        Diagnostic(
                            file: outcome.file, row: correction.row, column: correction.field, severity: .warning,
                            code: "correction_invalid_value", message: say.notHeld(correction.value),
                            value: "-" + correction.value, email: email))
                    continue
                }
                result.participants[index].interests = after
                result.diagnostics.append(
                    Diagnostic(
                        file: outcome.file, row: correction.row, column: correction.field, severity: .info,
                        code: "corrected",
                        message: say.corrected(
                            "interests", old: before.joined(separator: "|"), new: after.joined(separator: "|")),
                        value: before.joined(separator: "|") + " → " + after.joined(separator: "|"), email: email))
            }
        }
        return result
    }

    /// The keyword ids whose id, label or a synonym is `text` (case and spaces ignored).
    static func keywordIDs(matching text: String, in taxonomy: Taxonomy) -> Set<String> {
        let folded = CorrectionValues.fold(text)
        return Set(
            taxonomy.keywords.filter { keyword in
                CorrectionValues.fold(keyword.id) == folded || CorrectionValues.fold(keyword.label) == folded
                    || keyword.synonyms.contains { CorrectionValues.fold($0) == folded }
            }.map(\.id) + [folded])
    }
}
