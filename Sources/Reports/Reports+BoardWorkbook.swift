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
            let withheld = ReportCell.withheld
            /// What the markers mean, on the first free row below a sheet's table.
            func note(_ sheet: Worksheet, _ row: Int) throws { try sheet.write(row, 0, suppressionNote(context, protection), styles.text) }

            // What to hide, for every sheet at once.
            let counts = manifest.counts
            let board = boardCounts(context)
            let hide = BoardSuppression(board, protection: protection)
            let mixTable = board.mix
            let participantCounts = board.participants
            let participantHidden = hide.participants

            var chartData = BoardChartData(sheetName: context.language == .en ? "Chart data" : "Grafiekgegevens")
            let other = context.language == .en ? "other" : "overig"

            // About.
            let about = try workbook.addWorksheet(context(.about))
            let aboutRows: [[ReportCell]] = [
                [.strong(context(.event)), .long(context.eventName)],
                [.strong(context(.runID)), .text(manifest.runID)],
                [.strong(context(.runDate)), .date(manifest.startedAt)],
                [.strong(context(.sessions)), .int(sessions.count)],
                [.text(context(.rowsRead)), .count(counts.rowsRead, hidden: hide.about[0])],
                [.text(context(.rejected)), .count(counts.rejected, hidden: hide.about[1])],
                [.text(context(.duplicatesMerged)), .count(counts.duplicatesMerged, hidden: hide.about[2])],
                [.text(context(.registrants)), .count(counts.registrants, hidden: hide.about[3])],
                [.text(context(.cancelled)), .count(counts.cancelled, hidden: hide.about[4])],
                [.text(context(.assigned)), .count(counts.assigned, hidden: hide.about[5])],
                [.text(context(.waitlisted)), .count(counts.waitlisted, hidden: hide.about[6])],
                // The objective holds a large cost per waitlisted participant: it would give a hidden waitlist count away.
                [.text(context(.objective)), hide.about[6] ? withheld : .int(manifest.objective)],
                [.empty, .empty],
                [.empty, .long(context(.noPersonalData))],
                [.empty, .long(suppressionNote(context, protection))],
            ]
            var aboutWriter = table(about)
            aboutWriter.leftAligned = true
            try aboutWriter.mainTable(
                [ReportColumn(header: context(.item), width: 30), ReportColumn(header: context(.value), width: 80)],
                rows: aboutRows)

            try Reports.writeBoardComparison(context, workbook: workbook, table: table)

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
                let out = hide.sessionWithheld[i]
                func index(_ x: Double, _ decimal: Bool = false) -> ReportCell {
                    if out { return withheld }
                    let shown = hide.indicesCoarse[i] ? (x * 10).rounded() / 10 : x
                    return decimal ? .decimal(shown) : .index(shown)
                }
                func share(_ x: Double) -> ReportCell { out ? withheld : .percent(x) }
                return [
                    .text(context.sessionLabel(session.id)), .text(session.title), .int(session.capacity),
                    .count(m.participants, hidden: participantHidden[i]), out ? withheld : .int(m.disciplines),
                    .count(m.unknownDiscipline, hidden: hide.unknownDiscipline[i] || hide.mix[i].last == true || protection.isSmall(m.unknownDiscipline)),
                    index(m.shannon), index(m.evenness), index(m.giniSimpson), index(m.inverseSimpson, true),
                    index(m.raoStirling), index(m.raoStirlingEffective, true),
                    hide.maxFamilyShareWithheld[i] ? withheld : .percent(m.maxFamilyShare), out ? withheld : .int(m.organisations),
                    share(m.maxOrganisationShare), .percent(m.keywordCoverage), out ? withheld : .decimal(m.meanMatchedKeywords),
                    share(m.shareWithMatch), share(m.outsideComfortZoneShare),
                ]
            }
            try note(overview, table(overview).mainTable(overviewColumns, rows: overviewRows))
            let last = sessions.count
            if last > 0 {
                for column in [6, 7, 8, 9, 10, 11, 15, 16, 17] {
                    try overview.colorScale(1, column, last, column, low: Scale.red, mid: Scale.yellow, high: Scale.green)
                }
                for column in [12, 14] {
                    try overview.colorScale(1, column, last, column, low: Scale.green, mid: Scale.yellow, high: Scale.red)
                }
                let categories = CellRange(sheet: overview.name, firstRow: 1, firstColumn: 0, lastRow: last, lastColumn: 0)
                // Sessions whose indices are withheld are not plotted (never as 0).
                let plotted = sessions.indices.filter { !hide.sessionWithheld[$0] }
                func shown(_ i: Int, _ x: Double) -> Double? { hide.indicesCoarse[i] ? (x * 10).rounded() / 10 : x }
                if let data = chartData.add(BoardChartData.Block(
                    categories: plotted.map { context.sessionLabel(sessions[$0].id) },
                    series: [(context(.shannon), plotted.map { shown($0, context.metrics(sessions[$0]).shannon) }),
                             (context(.raoStirling), plotted.map { shown($0, context.metrics(sessions[$0]).raoStirling) })])) {
                    let diversity = try workbook.addChart(.column)
                    diversity.title(context(.chartDiversity))
                    for (k, series) in data.series.enumerated() {
                        try diversity.addSeries(name: series.name, categories: data.categories, values: series.values, color: ReportPalette.series(k))
                    }
                    diversity.axes(x: context(.session), y: nil, yNumberFormat: "0.00")
                    diversity.legend(bottom: true)
                    try overview.insert(diversity, row: last + 2, column: 0, xScale: 1.5, yScale: 1.2)
                }
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
                    + mixTable[i].indices.map { .count(mixTable[i][$0], hidden: hide.mix[i][$0]) }
                    + [.count(participantCounts[i], hidden: participantHidden[i])]
            }
            try note(mixSheet, table(mixSheet).mainTable(mixColumns, rows: mixRows))
            if last > 0, let data = chartData.add(familyMixChart(
                mixTable, totals: participantCounts, hidden: hide, labels: familyNames,
                sessions: sessions.map { context.sessionLabel($0.id) }, other: other)) {
                let chart = try workbook.addChart(.columnStacked)
                chart.title(context(.chartFamilyMix))
                for (f, series) in data.series.enumerated() {
                    try chart.addSeries(name: series.name, categories: data.categories, values: series.values, color: ReportPalette.series(f))
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
            try note(heat, table(heat).mainTable(heatColumns, rows: heatRows))
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
            let qualityColumns = [
                ReportColumn(header: context(.group), width: 22), ReportColumn(header: context(.participants), width: 12),
                ReportColumn(header: context(.shareWithMatch), width: 13), ReportColumn(header: context(.meanMatched), width: 14),
                ReportColumn(header: context(.outsideShare), width: 14), ReportColumn(header: context(.worstRank), width: 12),
                ReportColumn(header: context(.waitlisted), width: 12),
            ] + (0..<ranks).map { ReportColumn(header: "\(context(.rank)) \($0 + 1)", width: 10) }
            var qualityRows: [[ReportCell]] = []
            func qualityRow(_ k: Int, label: String) -> [ReportCell] {
                let q = quality[k]
                let values = rankCells(q)
                let out = hide.qualityWithheld[k]
                let first: [ReportCell] = [
                    .strong(label), .count(q.participants, hidden: hide.qualityParticipants[k]),
                    out ? withheld : .percent(q.shareWithMatch), out ? withheld : .decimal(q.meanMatchedKeywords),
                    out ? withheld : .percent(q.outsideComfortZoneShare), .int(q.worstRank),
                ]
                return first + values.indices.map { .count(values[$0], hidden: hide.qualityCounts[k][$0]) }
            }
            if let allIndex { qualityRows.append(qualityRow(allIndex, label: context(.all))) }
            for index in familyIndices { qualityRows.append(qualityRow(index, label: context.familyLabel(quality[index].group))) }
            try note(qualitySheet, table(qualitySheet).mainTable(qualityColumns, rows: qualityRows))
            if !qualityRows.isEmpty {
                try qualitySheet.colorScale(1, 2, qualityRows.count, 2, low: Scale.red, mid: Scale.yellow, high: Scale.green)
            }
            if let allIndex, ranks > 0, let data = chartData.add(rankChart(
                quality[allIndex], ranks: ranks, hiddenCounts: hide.qualityCounts[allIndex],
                participantsShown: !hide.qualityParticipants[allIndex], labels: (0..<ranks).map { "\(context(.rank)) \($0 + 1)" },
                name: context(.all), other: other)) {
                let chart = try workbook.addChart(.column)
                chart.title(context(.chartRankProfile))
                try chart.addSeries(name: context(.all), categories: data.categories, values: data.series[0].values, color: ReportPalette.series(0))
                chart.axes(x: context(.rank), y: context(.participants))
                chart.legend(bottom: false)
                try qualitySheet.insert(chart, row: qualityRows.count + 2, column: 0, xScale: 1.4, yScale: 1.1)
            }

            // Data quality: count per code and severity.
            let dqSheet = try workbook.addWorksheet(context(.dataQuality))
            let dqEntries = dataQualityEntries(bundle)
            let dqMask = hide.dataQuality
            try note(dqSheet, table(dqSheet).mainTable(
                [ReportColumn(header: context(.code), width: 30), ReportColumn(header: context(.severity), width: 12),
                 ReportColumn(header: context(.count), width: 10)],
                rows: dqEntries.indices.map { i in
                    [.text(dqEntries[i].code), .text(dqEntries[i].severity.rawValue), .count(dqEntries[i].count, hidden: dqMask[i])]
                }))

            // Changes since the previous run: counts per kind, no names or e-mails.
            let changesSheet = try workbook.addWorksheet(context(.changes))
            let kinds = Change.Kind.allCases
            let changeCounts = kinds.map { kind in bundle.changes.filter { $0.kind == kind }.count }
            let changeMask = hide.changes
            try note(changesSheet, table(changesSheet).mainTable(
                [ReportColumn(header: context(.kind), width: 28), ReportColumn(header: context(.count), width: 10)],
                rows: kinds.indices.map { [.text(context(ReportLabel.change(kinds[$0]))), .count(changeCounts[$0], hidden: changeMask[$0])] }
                    + [[.strong(context(.total)), .count(bundle.changes.count, hidden: hide.changesTotal)]]))

            // Trend over runs: history, then this run.
            let trendSheet = try workbook.addWorksheet(context(.trend))
            let shannons = bundle.metrics.sessions.map(\.shannon)
            let current = RunSummary(
                runID: manifest.runID, startedAt: manifest.startedAt, registrants: counts.registrants, assigned: counts.assigned,
                waitlisted: counts.waitlisted, meanShannon: shannons.isEmpty ? 0 : shannons.reduce(0, +) / Double(shannons.count),
                objective: manifest.objective)
            let runs = bundle.history.filter { $0.runID != manifest.runID } + [current]
            try note(trendSheet, table(trendSheet).mainTable(
                [ReportColumn(header: context(.run), width: 24), ReportColumn(header: context(.date), width: 17),
                 ReportColumn(header: context(.registrants), width: 13), ReportColumn(header: context(.assigned), width: 12),
                 ReportColumn(header: context(.waitlisted), width: 12), ReportColumn(header: context(.meanShannon), width: 14),
                 ReportColumn(header: context(.objective), width: 14)],
                rows: runs.enumerated().map { r, run in
                    [.text(run.runID), .date(run.startedAt), .count(run.registrants, hidden: hide.trend[r][0]),
                     .count(run.assigned, hidden: hide.trend[r][1]), .count(run.waitlisted, hidden: hide.trend[r][2]),
                     .index(run.meanShannon), hide.trend[r][2] ? withheld : .int(run.objective)]
                }))
            if runs.count >= 2 {
                let categories = CellRange(sheet: trendSheet.name, firstRow: 1, firstColumn: 0, lastRow: runs.count, lastColumn: 0)
                let chart = try workbook.addChart(.line)
                chart.title(context(.chartTrend))
                // Hidden counts are gaps in the lines, never 0.
                let names = [context(.registrants), context(.assigned), context(.waitlisted)]
                let trendData = chartData.add(BoardChartData.Block(
                    categories: runs.map(\.runID),
                    series: names.indices.map { k in
                        (names[k], runs.indices.map { r in
                            hide.trend[r][k] ? nil : Double([runs[r].registrants, runs[r].assigned, runs[r].waitlisted][k])
                        })
                    }))
                for (k, series) in (trendData?.series ?? []).enumerated() {
                    try chart.addSeries(name: series.name, categories: trendData!.categories, values: series.values, color: ReportPalette.series(k), marker: true)
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
            try chartData.write(workbook, styles: styles, note: suppressionNote(context, protection))
            overview.activate()
        }
    }
}
