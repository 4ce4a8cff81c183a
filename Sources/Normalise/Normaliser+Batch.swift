import Dispatch
import Foundation
import WerksessiesModel

/// The batch: registrations to participants with diagnostics, cached per distinct raw value.
extension Normaliser {
    /// Turns registrations into participants, with a diagnostic for every value it cannot map.
    ///
    /// Disciplines that map nowhere give a warning `unmapped_discipline` (with the three nearest
    /// disciplines), typo corrections an info `fuzzy_discipline`, empty and non-answers an info
    /// `no_discipline`; interest items that map nowhere an info `unmapped_interest`. An empty discipline
    /// falls back to the role ("Functie") when that maps. Cancelled registrations get no diagnostics.
    /// Large batches are split over the processor cores (each part with its own stemmer and caches);
    /// the result is the same, in input order, however it was split.
    public func normalise(_ registrations: [Registration]) -> NormaliseResult {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, registrations.count / 10_000))
        if parts == 1 { return normalisePart(registrations[...]) }
        let size = (registrations.count + parts - 1) / parts
        let results = IndexedResults<NormaliseResult>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (part * size)..<min(registrations.count, (part + 1) * size)
            results.set(part, normalisePart(registrations[range]))
        }
        var participants: [Participant] = []
        participants.reserveCapacity(registrations.count)
        var diagnostics: [Diagnostic] = []
        for result in results.all {
            participants.append(contentsOf: result.participants)
            diagnostics.append(contentsOf: result.diagnostics)
        }
        return NormaliseResult(participants: participants, diagnostics: diagnostics)
    }

    /// Normalises one consecutive part of a batch, with its own stemmer and caches.
    func normalisePart(_ registrations: ArraySlice<Registration>) -> NormaliseResult {
        let stemmer = TokenStemmer()
        var disciplineCache: [String: DisciplineMatch] = [:]
        var noteCache: [String: DisciplineNote?] = [:]
        var itemCache: [Substring: ItemAnalysis] = [:]
        var wholeNonAnswer: [String: Bool] = [:]
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
            // Interests are cached per list item: random multi-select combinations are mostly distinct.
            let raw = registration.interests
            var interests = InterestExtraction(keywords: [], unmapped: [], gaveInterests: false)
            var items: [ItemAnalysis] = []
            var isNonAnswer = raw.isEmpty
            if !isNonAnswer, raw.utf8.count <= 24 {
                if let hit = wholeNonAnswer[raw] {
                    isNonAnswer = hit
                } else {
                    isNonAnswer = isWholeNonAnswer(raw)
                    wholeNonAnswer[raw] = isNonAnswer
                }
            }
            if !isNonAnswer {
                for piece in Self.splitItems(raw) {
                    if let hit = itemCache[piece] {
                        items.append(hit)
                    } else {
                        let analysis = analyseItem(piece, stemmer: stemmer)
                        itemCache[piece] = analysis
                        items.append(analysis)
                    }
                }
                interests = combine(items)
            }
            let organisationKey: String
            if let hit = organisationCache[registration.organisation] {
                organisationKey = hit
            } else {
                organisationKey = TokenFolding.foldOrganisation(registration.organisation)
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
            let source = registration.source
            if !fromRole {
                let note: DisciplineNote?
                if let hit = noteCache[registration.discipline] {
                    note = hit
                } else {
                    note = disciplineNote(match, raw: registration.discipline)
                    noteCache[registration.discipline] = .some(note)
                }
                if let note {
                    diagnostics.append(
                        Diagnostic(
                            file: source.file, sheet: source.sheet, row: source.row, column: "discipline",
                            severity: note.severity, code: note.code, message: note.message, value: registration.discipline))
                }
            }
            if interests.unmapped.isEmpty { continue }
            var cached = 0
            for item in items {
                guard let unmapped = item.unmapped, let message = item.message else { continue }
                cached += 1
                diagnostics.append(
                    Diagnostic(
                        file: source.file, sheet: source.sheet, row: source.row, column: "interests", severity: .info,
                        code: "unmapped_interest", message: message, value: unmapped.text))
            }
            for item in interests.unmapped.dropFirst(cached) {  // long free text that matched nothing
                diagnostics.append(
                    Diagnostic(
                        file: source.file, sheet: source.sheet, row: source.row, column: "interests", severity: .info,
                        code: "unmapped_interest", message: interestMessage(item), value: item.text))
            }
        }
        return NormaliseResult(participants: participants, diagnostics: diagnostics)
    }

    /// Severity, code and message of a discipline diagnostic (the same for every row with that value).
    struct DisciplineNote: Sendable, Hashable {
        var severity: Diagnostic.Severity
        var code: String
        var message: String
    }

    /// The diagnostic text of a discipline value, if it needs one.
    func disciplineNote(_ match: DisciplineMatch, raw: String) -> DisciplineNote? {
        func diagnostic(_ severity: Diagnostic.Severity, _ code: String, _ message: String) -> DisciplineNote {
            DisciplineNote(severity: severity, code: code, message: message)
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

    /// The message of an interest item that maps nowhere.
    func interestMessage(_ item: InterestExtraction.UnmappedItem) -> String {
        let hint = item.suggestions.isEmpty ? "" : "; bedoelde u: \(keywordLabels(item.suggestions))?"
        return "Interesse '\(item.text)' niet herkend\(hint)"
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
