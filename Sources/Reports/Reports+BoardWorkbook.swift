import LibXLSXWriter
import Foundation
import WerksessiesModel

/// Colour scales: red → yellow → green (higher is better) and the reverse.
private enum Scale {
    static let red: UInt32 = 0xF8696B
    static let yellow: UInt32 = 0xFFEB84
    static let green: UInt32 = 0x63BE7B
}

extension Reports {
    /// Writes `board.xlsx`: aggregates only, small counts hidden, native charts.
    static func writeBoardWorkbook(_ context: ReportContext, path: String) throws {
        let bundle = context.bundle
        let manifest = bundle.manifest
        let protection = context.protection
        let sessions = bundle.catalog.sessions
        try Workbook.write(to: path) { workbook in
            try workbook.setProperties(Workbook.Properties(
                title: "\(context(.boardTitle)) \(context.eventName)", subject: context.eventName,
                author: "werksessies", created: manifest.startedAt))
            let styles = try ReportStyles(workbook)
            func table(_ sheet: Worksheet) -> TableWriter {
                TableWriter(sheet: sheet, styles: styles, timeZone: context.timeZone, protection: protection)
            }
            func small(_ n: Int) -> ReportCell { .count(n, hidden: protection.isSmall(n)) }

            // Family mix first: its mask also protects the participants column of the overview.
            let mixes = sessions.map { context.familyCounts($0) }
            let mixTable = mixes.map { $0.counts + [$0.unknown] }
            let mixMask = protection.mask(mixTable, rows: true, columns: true)
            let participantCounts = sessions.map { context.metrics($0).participants }
            let participantColumnMask = protection.mask(column: participantCounts)
            let participantHidden = sessions.indices.map {
                protection.isSmall(participantCounts[$0]) || participantColumnMask[$0] || mixMask.rowTotals[$0]
            }

            // About.
            let about = try workbook.addWorksheet(context(.about))
            let counts = manifest.counts
            let aboutRows: [[ReportCell]] = [
                [.strong(context(.event)), .long(context.eventName)],
                [.strong(context(.runID)), .text(manifest.runID)],
                [.strong(context(.runDate)), .date(manifest.startedAt)],
                [.strong(context(.sessions)), .int(sessions.count)],
                [.text(context(.rowsRead)), small(counts.rowsRead)],
                [.text(context(.rejected)), small(counts.rejected)],
                [.text(context(.duplicatesMerged)), small(counts.duplicatesMerged)],
                [.text(context(.registrants)), small(counts.registrants)],
                [.text(context(.cancelled)), small(counts.cancelled)],
                [.text(context(.assigned)), small(counts.assigned)],
                [.text(context(.waitlisted)), small(counts.waitlisted)],
                [.text(context(.objective)), .int(manifest.objective)],
                [.empty, .empty],
                [.empty, .long(context(.noPersonalData))],
                [.empty, .long(context(.smallCellNote).replacingOccurrences(of: "<N", with: protection.hiddenLabel))],
            ]
            var aboutWriter = table(about)
            aboutWriter.leftAligned = true
            try aboutWriter.mainTable(
                [ReportColumn(header: context(.item), width: 30), ReportColumn(header: context(.value), width: 80)],
                rows: aboutRows)

            // Overview of all session metrics.
            let overview = try workbook.addWorksheet(context(.overview))
            let overviewColumns: [ReportColumn] = [
                ReportColumn(header: context(.session), width: 11), ReportColumn(header: context(.title), width: 34),
                ReportColumn(header: context(.capacity), width: 11), ReportColumn(header: context(.participants), width: 12),
                ReportColumn(header: context(.disciplines), width: 12), ReportColumn(header: context(.unknownDiscipline), width: 12),
                ReportColumn(header: context(.shannon), width: 11), ReportColumn(header: context(.evenness), width: 14),
                ReportColumn(header: context(.giniSimpson), width: 12), ReportColumn(header: context(.inverseSimpson), width: 12),
                ReportColumn(header: context(.raoStirling), width: 12), ReportColumn(header: context(.raoStirlingEffective), width: 14),
                ReportColumn(header: context(.maxFamilyShare), width: 15), ReportColumn(header: context(.organisations), width: 13),
                ReportColumn(header: context(.maxOrganisationShare), width: 15), ReportColumn(header: context(.keywordCoverage), width: 13),
                ReportColumn(header: context(.meanMatched), width: 14), ReportColumn(header: context(.shareWithMatch), width: 13),
                ReportColumn(header: context(.outsideShare), width: 14),
            ]
            let overviewRows: [[ReportCell]] = sessions.enumerated().map { i, session in
                let m = context.metrics(session)
                return [
                    .text(context.sessionLabel(session.id)), .text(session.title), .int(session.capacity),
                    .count(m.participants, hidden: participantHidden[i]), .int(m.disciplines), small(m.unknownDiscipline),
                    .index(m.shannon), .index(m.evenness), .index(m.giniSimpson), .decimal(m.inverseSimpson),
                    .index(m.raoStirling), .decimal(m.raoStirlingEffective), .percent(m.maxFamilyShare), .int(m.organisations),
                    .percent(m.maxOrganisationShare), .percent(m.keywordCoverage), .decimal(m.meanMatchedKeywords),
                    .percent(m.shareWithMatch), .percent(m.outsideComfortZoneShare),
                ]
            }
            try table(overview).mainTable(overviewColumns, rows: overviewRows)
            let last = sessions.count
            if last > 0 {
                for column in [6, 7, 8, 9, 10, 11, 15, 16, 17] {
                    try overview.colorScale(1, column, last, column, low: Scale.red, mid: Scale.yellow, high: Scale.green)
                }
                for column in [12, 14] {
                    try overview.colorScale(1, column, last, column, low: Scale.green, mid: Scale.yellow, high: Scale.red)
                }
                let categories = CellRange(sheet: overview.name, firstRow: 1, firstColumn: 0, lastRow: last, lastColumn: 0)
                let diversity = try workbook.addChart(.column)
                diversity.title(context(.chartDiversity))
                try diversity.addSeries(
                    name: context(.shannon), categories: categories,
                    values: CellRange(sheet: overview.name, firstRow: 1, firstColumn: 6, lastRow: last, lastColumn: 6),
                    color: ReportPalette.series(0))
                try diversity.addSeries(
                    name: context(.raoStirling), categories: categories,
                    values: CellRange(sheet: overview.name, firstRow: 1, firstColumn: 10, lastRow: last, lastColumn: 10),
                    color: ReportPalette.series(1))
                diversity.axes(x: context(.session), y: nil, yNumberFormat: "0.00")
                diversity.legend(bottom: true)
                try overview.insert(diversity, row: last + 2, column: 0, xScale: 1.5, yScale: 1.2)
                let coverage = try workbook.addChart(.column)
                coverage.title(context(.chartCoverage))
                try coverage.addSeries(
                    name: context(.keywordCoverage), categories: categories,
                    values: CellRange(sheet: overview.name, firstRow: 1, firstColumn: 15, lastRow: last, lastColumn: 15),
                    color: ReportPalette.series(5))
                coverage.axes(x: context(.session), y: nil, yNumberFormat: "0%", yMin: 0, yMax: 1)
                coverage.legend(bottom: false)
                try overview.insert(coverage, row: last + 2, column: 7, xScale: 1.5, yScale: 1.2)
            }

            // Family mix per session.
            let mixSheet = try workbook.addWorksheet(context(.familyMix))
            let familyNames = context.families.map { context.familyLabel($0) } + [context(.unknown)]
            let mixColumns = [ReportColumn(header: context(.session), width: 11)]
                + familyNames.map { ReportColumn(header: $0, width: max(11, Double($0.count) + 2)) }
                + [ReportColumn(header: context(.total), width: 10)]
            let mixRows: [[ReportCell]] = sessions.indices.map { i in
                [.text(context.sessionLabel(sessions[i].id))]
                    + mixTable[i].indices.map { .count(mixTable[i][$0], hidden: mixMask.cells[i][$0]) }
                    + [.count(participantCounts[i], hidden: participantHidden[i])]
            }
            try table(mixSheet).mainTable(mixColumns, rows: mixRows)
            if last > 0 {
                let chart = try workbook.addChart(.columnStacked)
                chart.title(context(.chartFamilyMix))
                for f in familyNames.indices {
                    try chart.addSeries(
                        name: familyNames[f],
                        categories: CellRange(sheet: mixSheet.name, firstRow: 1, firstColumn: 0, lastRow: last, lastColumn: 0),
                        values: CellRange(sheet: mixSheet.name, firstRow: 1, firstColumn: f + 1, lastRow: last, lastColumn: f + 1),
                        color: ReportPalette.series(f))
                }
                chart.axes(x: context(.session), y: context(.participants))
                chart.legend(bottom: true)
                try mixSheet.insert(chart, row: last + 2, column: 0, xScale: 1.8, yScale: 1.4)
            }

            // Keyword heat map: keyword × session depth.
            let heat = try workbook.addWorksheet(context(.keywordSheet))
            var keywordOrder: [String] = []
            var keywordLabel: [String: String] = [:]
            var depth: [Int: [String: Int]] = [:]
            for session in sessions {
                for keyword in context.keywordDepth(session) {
                    if keywordLabel[keyword.id] == nil {
                        keywordOrder.append(keyword.id)
                        keywordLabel[keyword.id] = keyword.label
                    }
                    depth[session.id, default: [:]][keyword.id] = keyword.count
                }
            }
            let heatColumns = [ReportColumn(header: context(.keyword), width: 40)]
                + sessions.map { ReportColumn(header: context.sessionLabel($0.id), width: 10) }
            let heatRows: [[ReportCell]] = keywordOrder.map { id in
                [.text(keywordLabel[id] ?? id)] + sessions.map { session in
                    guard let n = depth[session.id]?[id] else { return .empty }
                    return small(n)
                }
            }
            try table(heat).mainTable(heatColumns, rows: heatRows)
            if !keywordOrder.isEmpty, last > 0 {
                try heat.colorScale(1, 1, keywordOrder.count, last, low: 0xFFFFFF, mid: 0xBDD7EE, high: 0x5B9BD5)
            }

            // Assignment quality: event totals and per family.
            let qualitySheet = try workbook.addWorksheet(context(.quality))
            let quality = bundle.metrics.quality
            let ranks = quality.map(\.rankProfile.count).max() ?? 0
            let allIndex = quality.firstIndex { $0.group == "all" }
            let familyIndices = quality.indices.filter { $0 != allIndex }
            func rankCells(_ q: QualityFigures) -> [Int] {
                [q.waitlisted] + (0..<ranks).map { $0 < q.rankProfile.count ? q.rankProfile[$0] : 0 }
            }
            let familyMask = protection.mask(familyIndices.map { rankCells(quality[$0]) }, rows: true, columns: true)
            let qualityColumns = [
                ReportColumn(header: context(.group), width: 22), ReportColumn(header: context(.participants), width: 12),
                ReportColumn(header: context(.shareWithMatch), width: 13), ReportColumn(header: context(.meanMatched), width: 14),
                ReportColumn(header: context(.outsideShare), width: 14), ReportColumn(header: context(.worstRank), width: 12),
                ReportColumn(header: context(.waitlisted), width: 12),
            ] + (0..<ranks).map { ReportColumn(header: "\(context(.rank)) \($0 + 1)", width: 10) }
            var qualityRows: [[ReportCell]] = []
            func qualityRow(_ q: QualityFigures, label: String, hidden: [Bool], totalHidden: Bool) -> [ReportCell] {
                let values = rankCells(q)
                let first: [ReportCell] = [
                    .strong(label), .count(q.participants, hidden: totalHidden || protection.isSmall(q.participants)),
                    .percent(q.shareWithMatch), .decimal(q.meanMatchedKeywords), .percent(q.outsideComfortZoneShare),
                    .int(q.worstRank),
                ]
                return first + values.indices.map { .count(values[$0], hidden: hidden[$0] || protection.isSmall(values[$0])) }
            }
            if let allIndex {
                let q = quality[allIndex]
                qualityRows.append(qualityRow(q, label: context(.all), hidden: familyMask.columnTotals, totalHidden: false))
            }
            for (k, index) in familyIndices.enumerated() {
                let q = quality[index]
                qualityRows.append(qualityRow(
                    q, label: context.familyLabel(q.group), hidden: familyMask.cells[k], totalHidden: familyMask.rowTotals[k]))
            }
            try table(qualitySheet).mainTable(qualityColumns, rows: qualityRows)
            if !qualityRows.isEmpty {
                try qualitySheet.colorScale(1, 2, qualityRows.count, 2, low: Scale.red, mid: Scale.yellow, high: Scale.green)
            }
            if allIndex != nil, ranks > 0 {
                let chart = try workbook.addChart(.column)
                chart.title(context(.chartRankProfile))
                try chart.addSeries(
                    name: context(.all),
                    categories: CellRange(sheet: qualitySheet.name, firstRow: 0, firstColumn: 7, lastRow: 0, lastColumn: 6 + ranks),
                    values: CellRange(sheet: qualitySheet.name, firstRow: 1, firstColumn: 7, lastRow: 1, lastColumn: 6 + ranks),
                    color: ReportPalette.series(0))
                chart.axes(x: context(.rank), y: context(.participants))
                chart.legend(bottom: false)
                try qualitySheet.insert(chart, row: qualityRows.count + 2, column: 0, xScale: 1.4, yScale: 1.1)
            }

            // Data quality: count per code and severity.
            let dqSheet = try workbook.addWorksheet(context(.dataQuality))
            var dq: [String: (severity: Diagnostic.Severity, code: String, count: Int)] = [:]
            for d in allDiagnostics(bundle) {
                let key = "\(d.severity.rawValue)\u{0}\(d.code)"
                dq[key, default: (d.severity, d.code, 0)].count += 1
            }
            let severityOrder = Dictionary(uniqueKeysWithValues: Diagnostic.Severity.allCases.enumerated().map { ($1, $0) })
            let dqEntries = dq.values.sorted {
                (severityOrder[$0.severity] ?? 0, $0.code) < (severityOrder[$1.severity] ?? 0, $1.code)
            }
            let dqMask = protection.mask(column: dqEntries.map(\.count))
            try table(dqSheet).mainTable(
                [ReportColumn(header: context(.code), width: 30), ReportColumn(header: context(.severity), width: 12),
                 ReportColumn(header: context(.count), width: 10)],
                rows: dqEntries.indices.map { i in
                    [.text(dqEntries[i].code), .text(dqEntries[i].severity.rawValue), .count(dqEntries[i].count, hidden: dqMask[i])]
                })

            // Changes since the previous run: counts per kind, no names or e-mails.
            let changesSheet = try workbook.addWorksheet(context(.changes))
            let kinds = Change.Kind.allCases
            let changeCounts = kinds.map { kind in bundle.changes.filter { $0.kind == kind }.count }
            let changeMask = protection.mask(column: changeCounts)
            try table(changesSheet).mainTable(
                [ReportColumn(header: context(.kind), width: 28), ReportColumn(header: context(.count), width: 10)],
                rows: kinds.indices.map { [.text(context(ReportLabel.change(kinds[$0]))), .count(changeCounts[$0], hidden: changeMask[$0])] }
                    + [[.strong(context(.total)), small(bundle.changes.count)]])

            // Trend over runs: history, then this run.
            let trendSheet = try workbook.addWorksheet(context(.trend))
            let shannons = bundle.metrics.sessions.map(\.shannon)
            let current = RunSummary(
                runID: manifest.runID, startedAt: manifest.startedAt, registrants: counts.registrants, assigned: counts.assigned,
                waitlisted: counts.waitlisted, meanShannon: shannons.isEmpty ? 0 : shannons.reduce(0, +) / Double(shannons.count),
                objective: manifest.objective)
            let runs = bundle.history.filter { $0.runID != manifest.runID } + [current]
            try table(trendSheet).mainTable(
                [ReportColumn(header: context(.run), width: 24), ReportColumn(header: context(.date), width: 17),
                 ReportColumn(header: context(.registrants), width: 13), ReportColumn(header: context(.assigned), width: 12),
                 ReportColumn(header: context(.waitlisted), width: 12), ReportColumn(header: context(.meanShannon), width: 14),
                 ReportColumn(header: context(.objective), width: 14)],
                rows: runs.map {
                    [.text($0.runID), .date($0.startedAt), small($0.registrants), small($0.assigned), small($0.waitlisted),
                     .index($0.meanShannon), .int($0.objective)]
                })
            if runs.count >= 2 {
                let categories = CellRange(sheet: trendSheet.name, firstRow: 1, firstColumn: 0, lastRow: runs.count, lastColumn: 0)
                let chart = try workbook.addChart(.line)
                chart.title(context(.chartTrend))
                for (k, column) in [2, 3, 4].enumerated() {
                    try chart.addSeries(
                        name: [context(.registrants), context(.assigned), context(.waitlisted)][k], categories: categories,
                        values: CellRange(sheet: trendSheet.name, firstRow: 1, firstColumn: column, lastRow: runs.count, lastColumn: column),
                        color: ReportPalette.series(k), marker: true)
                }
                chart.axes(x: context(.run), y: context(.participants))
                chart.legend(bottom: true)
                try trendSheet.insert(chart, row: runs.count + 2, column: 0, xScale: 1.4, yScale: 1.1)
                let diversity = try workbook.addChart(.line)
                diversity.title(context(.meanShannon))
                try diversity.addSeries(
                    name: context(.meanShannon), categories: categories,
                    values: CellRange(sheet: trendSheet.name, firstRow: 1, firstColumn: 5, lastRow: runs.count, lastColumn: 5),
                    color: ReportPalette.series(5), marker: true)
                diversity.axes(x: context(.run), y: nil, yNumberFormat: "0.00")
                diversity.legend(bottom: false)
                try trendSheet.insert(diversity, row: runs.count + 2, column: 4, xScale: 1.2, yScale: 1.1)
            }
            overview.activate()
        }
    }
}
