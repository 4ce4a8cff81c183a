import WerksessiesModel

/// What the board workbook hides, decided for all its sheets at once: the same count is hidden wherever it
/// appears, and every sum a reader can form across sheets (session totals, family totals, the event's counts,
/// the rank profile, the changes' total) is part of one attack that must fail (see `ProtectedFigures`).
/// Figures derived from a hidden or small count (shares, means, diversity indices, distinct counts) are
/// withheld with it. A session whose family mix did not change since the previous board keeps that board's hidden
/// and shown cells (`keepPreviousPattern`), so that two nights' boards together give nothing away either.
struct BoardSuppression {
    /// About: the whole event's counts (always shown: see `ProtectedFigures.open`).
    var about = AboutFigures(repeating: false)
    /// Per session: its participants, its family mix (families then unknown), its unknown discipline count.
    var participants: [Bool] = []
    var mix: [[Bool]] = []
    var unknownDiscipline: [Bool] = []
    /// Per session: shares, means and indices withheld (the session's count is hidden or below the threshold).
    var sessionWithheld: [Bool] = []
    /// Per session: the largest family share withheld (it would give the largest family's count).
    var maxFamilyShareWithheld: [Bool] = []
    /// Per session and per quality row: the share outside the comfort zone withheld (with its row's figures, or
    /// because share × total would give a hidden count of the family mix away).
    var outsideShareWithheld: [Bool] = []
    var qualityOutsideWithheld: [Bool] = []
    /// Per session: the diversity indices and the distinct discipline count withheld (see `diversityWithheld`).
    var indicesWithheld: [Bool] = []
    /// Means over all sessions' indices withheld (this run's mean Shannon on the trend sheet, the assignment's mean
    /// and lowest Gini-Simpson and mean Rao-Stirling on the comparison sheet): where, with the sessions' shown indices,
    /// they would give a withheld session's hidden count away (`meansWithheld`).
    var indexMeansWithheld = false
    /// Quality rows (the `quality` order of the metrics): participants, then waitlisted and ranks.
    var qualityParticipants: [Bool] = []
    var qualityCounts: [QualityCounts<Bool>] = []
    /// Quality rows whose shares and means are withheld.
    var qualityWithheld: [Bool] = []
    /// Data-quality counts per entry, changes per kind plus their total. (The trend's earlier rows are shown as
    /// their own boards showed them, `BoardTrend`; its last row is About's.)
    var dataQuality: [Bool] = []
    var changes: [Bool] = []
    var changesTotal = false

    /// Inputs: everything the board shows as a count.
    struct Counts {
        var about: AboutFigures<Int>
        var participants: [Int]
        var mix: [[Int]]
        var unknownDiscipline: [Int]
        var mixFamilies: [String?]
        /// Per session: its participants outside their comfort zone, and which mix columns they are (the known
        /// families that are not the session's home families).
        var outside: [Int]
        var outsideColumns: [[Bool]]
        var quality: [QualityFigures]
        var ranks: Int
        var dataQuality: [(code: String, count: Int)]
        var changes: [Int]
        /// Per session whose mix (families, unknown, total) is the same as on the previous board: what that board
        /// hid of it, in the same order; nil for the others (and when the previous board was not recorded).
        var previousHidden: [[Bool]?] = []
        /// What the sessions' diversity figures rest on (people per discipline, the figures as shown).
        var diversity: DiversityBasis = .empty
    }

    init(_ counts: Counts, protection: SmallCellProtection) {
        var figures = ProtectedFigures()
        let about = counts.about.map { figures.addOpen($0) }
        figures.relate([about.rowsRead], [about.rejected, about.duplicatesMerged, about.registrants])
        figures.relate([about.registrants], [about.cancelled, about.assigned, about.waitlisted])
        let sessions = counts.participants.map { figures.add($0) }
        let mix = counts.mix.map { $0.map { figures.add($0) } }
        for s in sessions.indices { figures.relate([sessions[s]], mix[s]) }
        Self.keepPreviousPattern(counts, cells: sessions.indices.map { mix[$0] + [sessions[$0]] }, protection: protection, figures: &figures)
        figures.relate([about.assigned], sessions)
        let unknown = counts.unknownDiscipline.indices.map { s -> Int in
            let u = figures.add(counts.unknownDiscipline[s])
            if let last = mix[s].last { figures.relate([u], [last]) }
            return u
        }
        let (qualityParticipants, qualityCounts) = Self.relateQuality(counts, about: about, mix: mix, figures: &figures)
        let (outside, qualityOutside) = Self.relateOutside(counts, mix: mix, figures: &figures)
        let dataQuality = counts.dataQuality.map { figures.addOpen($0.count) }
        let rejecting = counts.dataQuality.indices.filter { ["missing_email", "invalid_email"].contains(counts.dataQuality[$0].code) }
        figures.relate([about.rejected], rejecting.map { dataQuality[$0] })
        // Without a duplicate_merged line the reader knows the merged count is 0.
        let merged = counts.dataQuality.indices.filter { counts.dataQuality[$0].code == "duplicate_merged" }
        figures.relate([about.duplicatesMerged], merged.map { dataQuality[$0] })
        let changes = counts.changes.map { figures.addOpen($0) }
        let changesTotal = figures.addOpen(counts.changes.reduce(0, +))
        figures.relate([changesTotal], changes)

        let hidden = figures.hidden(protection)
        self.about = about.map { hidden[$0] }
        participants = sessions.map { hidden[$0] }
        self.mix = mix.map { $0.map { hidden[$0] } }
        unknownDiscipline = unknown.map { hidden[$0] }
        sessionWithheld = sessions.indices.map { hidden[sessions[$0]] || counts.participants[$0] < protection.threshold }
        maxFamilyShareWithheld = sessions.indices.map { s in
            guard !sessionWithheld[s], let largest = counts.mix[s].dropLast().max(), largest > 0 else { return sessionWithheld[s] }
            return counts.mix[s].indices.contains { counts.mix[s][$0] == largest && hidden[mix[s][$0]] }
        }
        indicesWithheld = Self.diversityWithheld(
            counts, figures: figures, hidden: hidden, mix: mix, sessions: sessions, sessionWithheld: sessionWithheld,
            maxFamilyShareWithheld: maxFamilyShareWithheld, protection: protection)
        indexMeansWithheld = Self.meansWithheld(
            counts, figures: figures, hidden: hidden, mix: mix, sessions: sessions, indicesWithheld: indicesWithheld,
            maxFamilyShareWithheld: maxFamilyShareWithheld, protection: protection)
        outsideShareWithheld = sessions.indices.map { sessionWithheld[$0] || ($0 < outside.count && hidden[outside[$0]]) }
        self.qualityParticipants = qualityParticipants.map { hidden[$0] }
        self.qualityCounts = qualityCounts.map { $0.map { hidden[$0] } }
        qualityWithheld = counts.quality.indices.map {
            hidden[qualityParticipants[$0]] || counts.quality[$0].participants < protection.threshold
                || counts.quality[$0].assigned < protection.threshold
        }
        qualityOutsideWithheld = counts.quality.indices.map { qualityWithheld[$0] || hidden[qualityOutside[$0]] }
        self.dataQuality = dataQuality.map { hidden[$0] }
        self.changes = changes.map { hidden[$0] }
        self.changesTotal = hidden[changesTotal]
    }
}

/// The whole event's counts as About shows them (a figure, or whether it is hidden): rows read = rejected + merged +
/// registrants, registrants = cancelled + assigned + waitlisted.
struct AboutFigures<Value> {
    var rowsRead, rejected, duplicatesMerged, registrants, cancelled, assigned, waitlisted: Value

    /// Every figure the same value.
    init(repeating value: Value) {
        (rowsRead, rejected, duplicatesMerged, registrants, cancelled, assigned, waitlisted) = (value, value, value, value, value, value, value)
    }

    /// The figures in About's order.
    init(rowsRead: Value, rejected: Value, duplicatesMerged: Value, registrants: Value, cancelled: Value, assigned: Value, waitlisted: Value) {
        (self.rowsRead, self.rejected, self.duplicatesMerged, self.registrants) = (rowsRead, rejected, duplicatesMerged, registrants)
        (self.cancelled, self.assigned, self.waitlisted) = (cancelled, assigned, waitlisted)
    }

    /// Each figure transformed, in About's order (rows read first).
    func map<T>(_ transform: (Value) throws -> T) rethrows -> AboutFigures<T> {
        let (r, j, d, g) = (try transform(rowsRead), try transform(rejected), try transform(duplicatesMerged), try transform(registrants))
        let (c, a, w) = (try transform(cancelled), try transform(assigned), try transform(waitlisted))
        return AboutFigures<T>(rowsRead: r, rejected: j, duplicatesMerged: d, registrants: g, cancelled: c, assigned: a, waitlisted: w)
    }
}

/// A quality row's counts (a figure, or whether it is hidden): its waitlisted, then how many got their first,
/// second, … keyword match; with the waitlisted they add up to the row's participants.
struct QualityCounts<Value> {
    var waitlisted: Value
    var ranks: [Value]

    /// The waitlisted, then the ranks (the quality sheet's column order).
    var all: [Value] { [waitlisted] + ranks }

    /// Each count transformed, waitlisted first.
    func map<T>(_ transform: (Value) throws -> T) rethrows -> QualityCounts<T> {
        let w = try transform(waitlisted)
        return QualityCounts<T>(waitlisted: w, ranks: try ranks.map(transform))
    }
}

extension QualityCounts where Value == Int {
    /// A quality row's counts, with `ranks` columns (0 where the row's profile is shorter).
    init(_ q: QualityFigures, ranks: Int) {
        self.init(waitlisted: q.waitlisted, ranks: (0..<ranks).map { $0 < q.rankProfile.count ? q.rankProfile[$0] : 0 })
    }
}

extension BoardSuppression {
    /// A session whose mix did not change since the previous board shows what that board showed: its hidden cells
    /// stay hidden and its shown cells are known (a reader of both boards would otherwise read either night's
    /// hidden counts off the other's). A cell that is small tonight stays hidden (a changed threshold).
    static func keepPreviousPattern(_ counts: Counts, cells: [[Int]], protection: SmallCellProtection, figures: inout ProtectedFigures) {
        for s in cells.indices where s < counts.previousHidden.count {
            guard let previous = counts.previousHidden[s], previous.count == cells[s].count else { continue }
            for (id, hidden) in zip(cells[s], previous) {
                if hidden {
                    figures.force(id)
                } else if !protection.isSmall(figures.values[id]) {
                    figures.markKnown(id)
                }
            }
        }
    }

    /// The quality rows: participants = waitlisted + ranks per group; a family's ranks add up to its mix column;
    /// the count of a row's lowest keyword match (shown) is not 0;
    /// the "all" row is the sum of the family rows and its waitlisted the event's (shown like About's). Returns the
    /// figures of each row's participants and counts.
    static func relateQuality(
        _ counts: Counts, about: AboutFigures<Int>, mix: [[Int]], figures: inout ProtectedFigures
    ) -> (participants: [Int], counts: [QualityCounts<Int>]) {
        let participants = counts.quality.map { figures.add($0.participants) }
        let rows = counts.quality.map { q in
            let values = QualityCounts(q, ranks: counts.ranks)
            return QualityCounts(waitlisted: q.group == "all" ? figures.addOpen(values.waitlisted) : figures.add(values.waitlisted),
                                 ranks: values.ranks.map { figures.add($0) })
        }
        for k in counts.quality.indices {
            figures.relate([participants[k]], rows[k].all)
            // The row's lowest keyword match is shown: its column holds somebody, and no one is ranked below it (the
            // reader knows those counts are 0).
            let worst = counts.quality[k].worstRank
            if worst >= 1, worst <= rows[k].ranks.count { figures.markNonZero(rows[k].ranks[worst - 1]) }
            for c in rows[k].ranks.indices where c + 1 > worst { figures.relate([rows[k].ranks[c]], []) }
            let group = counts.quality[k].group
            if group == "all" {
                let families = counts.quality.indices.filter { counts.quality[$0].group != "all" }
                figures.relate([participants[k]], families.map { participants[$0] })
                for c in rows[k].all.indices { figures.relate([rows[k].all[c]], families.map { rows[$0].all[c] }) }
                figures.relate([rows[k].waitlisted], [about.waitlisted])
                figures.relate(rows[k].all, [about.assigned, about.waitlisted])
            } else if let f = counts.mixFamilies.firstIndex(where: { ($0 ?? "unknown") == group }) {
                figures.relate(rows[k].ranks, mix.map { $0[f] })
            }
        }
        return (participants, rows)
    }

    /// The counts the outside-comfort-zone shares give away (a reader who knows the trekkers knows each session's
    /// home families): per session its known non-home families' counts, per family its counts in the sessions it
    /// does not lead, for everyone the sessions' sum. Returns the figures per session and per quality row.
    static func relateOutside(_ counts: Counts, mix: [[Int]], figures: inout ProtectedFigures) -> (sessions: [Int], quality: [Int]) {
        let sessions = counts.outside.indices.map { s -> Int in
            let o = figures.addDerived(counts.outside[s])
            if s < mix.count { figures.relate([o], mix[s].indices.filter { counts.outsideColumns[s][$0] }.map { mix[s][$0] }) }
            return o
        }
        let quality = counts.quality.map { q -> Int in
            let o = figures.addDerived(Int((q.outsideComfortZoneShare * Double(q.assigned)).rounded()))
            if q.group == "all" {
                figures.relate([o], sessions)
            } else if let f = counts.mixFamilies.firstIndex(where: { ($0 ?? "unknown") == q.group }) {
                figures.relate([o], mix.indices.filter { counts.outsideColumns[$0][f] }.map { mix[$0][f] })
            }
            return o
        }
        return (sessions, quality)
    }
}

extension ReportCell {
    /// A figure withheld to protect a hidden count: shown with the secondary marker.
    static var withheld: ReportCell { .count(-1, hidden: true) }
}

extension Reports {
    /// Every count the board shows, in the shape `BoardSuppression` protects.
    static func boardCounts(_ context: ReportContext) -> BoardSuppression.Counts {
        let bundle = context.bundle
        let sessions = bundle.catalog.sessions
        let c = bundle.manifest.counts
        let mixes = sessions.map { context.familyCounts($0) }
        let quality = bundle.metrics.quality
        return BoardSuppression.Counts(
            about: AboutFigures(
                rowsRead: c.rowsRead, rejected: c.rejected, duplicatesMerged: c.duplicatesMerged, registrants: c.registrants,
                cancelled: c.cancelled, assigned: c.assigned, waitlisted: c.waitlisted),
            participants: sessions.map { context.metrics($0).participants },
            mix: mixes.map { $0.counts + [$0.unknown] },
            unknownDiscipline: sessions.map { context.metrics($0).unknownDiscipline },
            mixFamilies: context.families.map { Optional($0) } + [nil],
            outside: sessions.map { Int((context.metrics($0).outsideComfortZoneShare * Double(context.metrics($0).participants)).rounded()) },
            outsideColumns: sessions.map { session in context.families.map { !session.homeFamilies.contains($0) } + [false] },
            quality: quality, ranks: quality.map(\.rankProfile.count).max() ?? 0,
            dataQuality: dataQualityEntries(bundle).map { ($0.code, $0.count) },
            changes: Change.Kind.allCases.map { kind in bundle.changes.filter { $0.kind == kind }.count },
            previousHidden: previousHidden(context, mixes: mixes.map { $0.counts + [$0.unknown] }),
            diversity: diversityBasis(context))
    }

    /// The columns of a session's row in the board's family mix as the state records them: the families, the
    /// unknown discipline, the total.
    static func boardMixColumns(_ context: ReportContext) -> [BoardMixCell.Column] {
        context.families.map { .family($0) } + [.unknown, .total]
    }

    /// Per session, what the previous run's board hid of its family mix row, when that row had the same counts
    /// (families, unknown, total) as tonight's; nil otherwise.
    static func previousHidden(_ context: ReportContext, mixes: [[Int]]) -> [[Bool]?] {
        let bundle = context.bundle
        guard let previous = bundle.history.last(where: { $0.runID != bundle.manifest.runID }), !previous.boardMix.isEmpty else {
            return mixes.map { _ in nil }
        }
        let cells = Dictionary(previous.boardMix.map { ("\($0.session) \($0.column.key)", $0) }, uniquingKeysWith: { a, _ in a })
        let perSession = Dictionary(grouping: previous.boardMix, by: \.session).mapValues(\.count)
        let columns = boardMixColumns(context)
        return bundle.catalog.sessions.enumerated().map { s, session in
            let values = mixes[s] + [context.metrics(session).participants]
            guard perSession[session.id] == columns.count else { return nil }
            let before = columns.map { cells["\(session.id) \($0.key)"] }
            guard zip(before, values).allSatisfy({ $0?.count == $1 }) else { return nil }
            return before.map { $0?.hidden ?? true }
        }
    }

    /// The family mix as this board shows it, for the state (the next night keeps an unchanged session's pattern).
    static func boardMix(_ context: ReportContext, counts: BoardSuppression.Counts, hide: BoardSuppression) -> [BoardMixCell] {
        let columns = boardMixColumns(context)
        return context.bundle.catalog.sessions.enumerated().flatMap { s, session in
            let values = counts.mix[s] + [counts.participants[s]], hidden = hide.mix[s] + [hide.participants[s]]
            return columns.indices.map { BoardMixCell(session: session.id, column: columns[$0], count: values[$0], hidden: hidden[$0]) }
        }
    }

    /// Diagnostics counted per severity and code, errors first.
    static func dataQualityEntries(_ bundle: ReportBundle) -> [(severity: Diagnostic.Severity, code: String, count: Int)] {
        var dq: [String: (severity: Diagnostic.Severity, code: String, count: Int)] = [:]
        for d in allDiagnostics(bundle) {
            let key = "\(d.severity.rawValue)\u{0}\(d.code)"
            dq[key, default: (d.severity, d.code, 0)].count += 1
        }
        let severityOrder = Dictionary(uniqueKeysWithValues: Diagnostic.Severity.allCases.enumerated().map { ($1, $0) })
        return dq.values.sorted { (severityOrder[$0.severity] ?? 0, $0.code) < (severityOrder[$1.severity] ?? 0, $1.code) }
    }

    /// What "<5" and "x" mean, for every sheet that shows them.
    static func suppressionNote(_ context: ReportContext, _ protection: SmallCellProtection) -> String {
        let small = protection.hiddenLabel, x = protection.secondaryLabel
        return context.language == .en
            ? "\(small): a count below \(protection.threshold). \(x): hidden so that no hidden count can be worked out from totals, shares or differences; shares, means and indices of fewer than \(protection.threshold) people are hidden too."
            : "\(small): een aantal kleiner dan \(protection.threshold). \(x): verborgen zodat geen verborgen aantal is terug te rekenen uit totalen, aandelen of verschillen; aandelen, gemiddelden en indices van minder dan \(protection.threshold) personen zijn ook verborgen."
    }
}
