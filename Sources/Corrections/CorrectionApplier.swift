import WerksessiesModel

/// Applies corrections one by one to tonight's registrations, keeping what it did for the diagnostics.
struct CorrectionApplier {
    var registrations: [Registration]
    var counts: IngestCounts
    var files: [InputFileSummary]
    var diagnostics: [Diagnostic]
    let file: String
    let say: Wording
    /// Registration index by e-mail key (built by `reindex()` once there is a correction to apply).
    var index: [String: Int] = [:]
    /// Merged address → the address it now is.
    var aliases: [String: String] = [:]
    var applied = 0
    var excluded = Set<String>()
    var mergedAway = Set<String>()
    var removals: [String: [Correction]] = [:]

    init(ingest: IngestResult, file: String, language: ReportOptions.Language) {
        registrations = ingest.registrations
        counts = ingest.counts
        files = ingest.files
        diagnostics = ingest.diagnostics
        self.file = file
        say = Wording(language)
    }

    mutating func reindex() {
        index = [:]
        for (i, registration) in registrations.enumerated() { index[registration.emailKey] = i }
    }

    /// The registration a correction is about, following merged addresses; a warning when there is none.
    mutating func target(of correction: Correction) -> Int? {
        var key = Registration.foldEmail(correction.email)
        var hops = 0
        while let next = aliases[key], hops < 16 {
            key = next
            hops += 1
        }
        if let found = index[key] { return found }
        warn(correction, "correction_unknown_email", say.unknownEmail)
        return nil
    }

    /// Applies a correction of any field but `email`.
    mutating func apply(_ correction: Correction) {
        guard let field = CorrectionField(named: correction.field) else {
            warn(correction, "correction_unknown_field", say.unknownField(correction.field))
            return
        }
        guard let i = target(of: correction) else { return }
        let value = correction.value.trimmingCharacters(in: .whitespaces)
        var registration = registrations[i]
        let old: String
        switch field {
        case .discipline:
            old = registration.discipline
            registration.discipline = value
        case .interests:
            old = registration.interests
            guard let new = interests(old, correction: correction, key: registration.emailKey) else { return }
            registration.interests = new
            if value.hasPrefix("-") {
                // Recorded (or reported) once the keyword is looked for in the normalised interests.
                registrations[i] = registration
                return
            }
        case .mandate:
            guard let mandate = CorrectionValues.mandate(value) else { return invalid(correction, say.yesNoUnknown) }
            old = registration.mandateRaw
            registration.mandate = mandate
            registration.mandateRaw = value
        case .consent:
            guard let consent = CorrectionValues.yesNo(value) else { return invalid(correction, say.yesNo) }
            old = say.yesNoText(registration.consent)
            registration.consent = consent
        case .status:
            guard let status = CorrectionValues.status(value) else { return invalid(correction, say.statusValues) }
            old = say.statusText(registration)
            registration.cancelled = status == .cancelled
            registration.confirmed = status == .confirmed
        case .name:
            old = registration.name
            registration.name = value
        case .organisation:
            old = registration.organisation
            registration.organisation = value
        case .exclude:
            let exclude = value.isEmpty ? true : CorrectionValues.yesNo(value)
            guard let exclude else { return invalid(correction, say.yesNo) }
            old = say.yesNoText(excluded.contains(registration.emailKey))
            if exclude {
                excluded.insert(registration.emailKey)
                registration.cancelled = true
                registration.confirmed = false
            } else {
                excluded.remove(registration.emailKey)
            }
        case .email:
            return merge(correction)
        }
        registrations[i] = registration
        record(correction, field: field, email: registration.email, old: old, new: value)
    }

    /// The interests after `correction`: replaced, `+keyword` added, or `-keyword` taken out (also after
    /// normalisation, where the keyword is matched by id or label); nil when nothing is to change.
    mutating func interests(_ old: String, correction: Correction, key: String) -> String? {
        let value = correction.value.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("+") {
            let keyword = value.dropFirst().trimmingCharacters(in: .whitespaces)
            guard !keyword.isEmpty else {
                invalid(correction, say.keywordMissing)
                return nil
            }
            return old.trimmingCharacters(in: .whitespaces).isEmpty ? keyword : old + "; " + keyword
        }
        if value.hasPrefix("-") {
            let keyword = value.dropFirst().trimmingCharacters(in: .whitespaces)
            guard !keyword.isEmpty else {
                invalid(correction, say.keywordMissing)
                return nil
            }
            var adjusted = correction
            adjusted.value = keyword
            removals[key, default: []].append(adjusted)
            let folded = CorrectionValues.fold(keyword)
            return CorrectionValues.items(old).filter { CorrectionValues.fold($0) != folded }.joined(separator: "; ")
        }
        return value
    }

    /// `email`: the row's address becomes the value; when the value is a registrant too, the later
    /// registration of the two counts (as Ingest merges duplicates).
    mutating func merge(_ correction: Correction) {
        let value = correction.value.trimmingCharacters(in: .whitespaces)
        guard CorrectionValues.isEmail(value) else { return invalid(correction, say.emailValue) }
        guard let i = target(of: correction) else { return }
        let oldKey = registrations[i].emailKey
        let newKey = Registration.foldEmail(value)
        guard oldKey != newKey else { return }
        let oldEmail = registrations[i].email
        registrations[i].email = value
        registrations[i].emailKey = newKey
        if let j = index[newKey] {
            let keep = Self.later(registrations[i], than: registrations[j]) ? i : j
            let drop = keep == i ? j : i
            registrations[keep].email = value
            registrations[drop] = registrations[keep]
            registrations.remove(at: max(i, j))
            counts.duplicatesMerged += 1
        }
        reindex()
        aliases[oldKey] = newKey
        mergedAway.insert(Participant.id(forEmailKey: oldKey))
        record(correction, field: .email, email: value, old: oldEmail, new: value)
    }

    /// Whether `a` is the later registration of the two (a time before none; equal times: the later row).
    static func later(_ a: Registration, than b: Registration) -> Bool {
        switch (a.submittedAt, b.submittedAt) {
        case (let x?, let y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return (a.source.fileIndex, a.source.row) > (b.source.fileIndex, b.source.row)
        }
    }

    mutating func record(_ correction: Correction, field: CorrectionField, email: String, old: String, new: String) {
        applied += 1
        let note = correction.note.isEmpty ? "" : " (\(correction.note))"
        diagnostics.append(
            Diagnostic(
                file: file, row: correction.row, column: field.rawValue, severity: .info, code: "corrected",
                message: say.corrected(field.rawValue, old: old, new: new) + note, value: "\(old) → \(new)",
                email: email))
    }

    mutating func invalid(_ correction: Correction, _ expected: String) {
        warn(correction, "correction_invalid_value", say.invalidValue(correction.field, expected: expected))
    }

    mutating func warn(_ correction: Correction, _ code: String, _ message: String) {
        diagnostics.append(
            Diagnostic(
                file: file, row: correction.row, column: correction.field, severity: .warning, code: code,
                message: message, value: correction.value, email: correction.email))
    }

    func outcome() -> Corrections.Outcome {
        var counts = counts
        counts.cancelled = registrations.reduce(0) { $0 + ($1.cancelled ? 1 : 0) }
        let checked = diagnostics + RegistrationChecks.diagnose(registrations, language: say.language)
        return Corrections.Outcome(
            ingest: IngestResult(registrations: registrations, diagnostics: checked, counts: counts, files: files),
            applied: applied, excluded: excluded, mergedAway: mergedAway, interestRemovals: removals, file: file)
    }
}
