import WerksessiesModel

/// The batch: registrations to participants with diagnostics, cached per distinct raw value.
extension Normaliser {
    /// Turns registrations into participants, with a diagnostic for every value it cannot map.
    ///
    /// Disciplines that map nowhere give a warning `unmapped_discipline` (with the three nearest
    /// disciplines), typo corrections an info `fuzzy_discipline`, empty and non-answers an info
    /// `no_discipline`; interest items that map nowhere an info `unmapped_interest`. An empty discipline
    /// falls back to the role ("Functie") when that maps. Cancelled registrations get no diagnostics.
    public func normalise(_ registrations: [Registration]) -> NormaliseResult {
        let stemmer = TokenStemmer()
        var disciplineCache: [String: DisciplineMatch] = [:]
        var interestCache: [String: InterestExtraction] = [:]
        var organisationCache: [String: String] = [:]
        var participants: [Participant] = []
        participants.reserveCapacity(registrations.count)
        var diagnostics: [Diagnostic] = []

        func discipline(_ raw: String) -> DisciplineMatch {
            if let hit = disciplineCache[raw] { return hit }
            let match = matchDiscipline(raw, stemmer: stemmer)
            disciplineCache[raw] = match
            return match
        }

        for registration in registrations {
            var match = discipline(registration.discipline)
            var fromRole = false
            if match.method == .empty || match.method == .nonAnswer, !registration.role.isEmpty {
                let roleMatch = discipline(registration.role)
                if roleMatch.isKnown {
                    match = roleMatch
                    fromRole = true
                }
            }
            let interests: InterestExtraction
            if let hit = interestCache[registration.interests] {
                interests = hit
            } else {
                interests = analyseInterests(registration.interests, stemmer: stemmer)
                interestCache[registration.interests] = interests
            }
            let organisationKey: String
            if let hit = organisationCache[registration.organisation] {
                organisationKey = hit
            } else {
                organisationKey = TextFolding.foldOrganisation(registration.organisation)
                organisationCache[registration.organisation] = organisationKey
            }
            participants.append(
                Participant(
                    id: Participant.id(forEmailKey: registration.emailKey), email: registration.email,
                    emailKey: registration.emailKey, name: registration.name, organisation: registration.organisation,
                    organisationKey: organisationKey, role: registration.role, discipline: match.discipline,
                    family: match.family, interests: interests.keywords, gaveInterests: interests.gaveInterests,
                    mandate: registration.mandate ?? false, consent: registration.consent,
                    cancelled: registration.cancelled, source: registration.source))
            if registration.cancelled { continue }
            if !fromRole, let diagnostic = disciplineDiagnostic(match, registration: registration) {
                diagnostics.append(diagnostic)
            }
            for item in interests.unmapped {
                diagnostics.append(interestDiagnostic(item, registration: registration))
            }
        }
        return NormaliseResult(participants: participants, diagnostics: diagnostics)
    }

    /// The diagnostic of a discipline value, if it needs one.
    func disciplineDiagnostic(_ match: DisciplineMatch, registration: Registration) -> Diagnostic? {
        let raw = registration.discipline
        let source = registration.source
        func diagnostic(_ severity: Diagnostic.Severity, _ code: String, _ message: String) -> Diagnostic {
            Diagnostic(
                file: source.file, sheet: source.sheet, row: source.row, column: "discipline", severity: severity,
                code: code, message: message, value: raw)
        }
        let shown = raw.trimmingWhitespace
        switch match.method {
        case .exact, .stemmed, .phrase, .ngram, .compound:
            return nil
        case .fuzzy:
            return diagnostic(
                .info, "fuzzy_discipline",
                "Discipline '\(shown)' gelezen als \(disciplineLabels([match.discipline ?? ""])) (tikfout?)")
        case .empty:
            return diagnostic(.info, "no_discipline", "Geen discipline opgegeven; discipline onbekend")
        case .nonAnswer:
            return diagnostic(.info, "no_discipline", "'\(shown)' is geen discipline; discipline onbekend")
        case .unmapped, .ambiguous:
            let hint = match.suggestions.isEmpty ? "" : "; bedoelde u: \(disciplineLabels(match.suggestions))?"
            let why = match.method == .ambiguous ? " (lijkt even veel op meerdere disciplines)" : ""
            return diagnostic(.warning, "unmapped_discipline", "Discipline '\(shown)' niet herkend\(why)\(hint)")
        }
    }

    /// The diagnostic of an interest item that maps nowhere.
    func interestDiagnostic(_ item: InterestExtraction.UnmappedItem, registration: Registration) -> Diagnostic {
        let source = registration.source
        let hint = item.suggestions.isEmpty ? "" : "; bedoelde u: \(keywordLabels(item.suggestions))?"
        return Diagnostic(
            file: source.file, sheet: source.sheet, row: source.row, column: "interests", severity: .info,
            code: "unmapped_interest", message: "Interesse '\(item.text)' niet herkend\(hint)", value: item.text)
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
