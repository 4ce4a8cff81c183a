import Foundation
import LibXLSXWriter
import WerksessiesModel

/// Colour scales anchored at meaningful values: red → yellow → green (higher is better).
private enum Scale {
    static let red: UInt32 = 0xF8696B
    static let yellow: UInt32 = 0xFFEB84
    static let green: UInt32 = 0x63BE7B
    /// Data bars for shares.
    static let bar: UInt32 = 0x56B4E9
}

extension Reports {
    /// Writes `board.xlsx`: aggregates only, small counts hidden, a dashboard first, charts that tell the truth.
    /// Returns what the board shows of tonight's trend row and family mix (the state records them for later boards).
    @discardableResult
    static func writeBoardWorkbook(_ context: ReportContext, path: String) throws -> BoardShown {
        var shown = BoardShown(trend: .unrecorded, mix: [])
        try Workbook.write(to: path) { workbook in
            try Reports.setDocumentProperties(workbook, context, .board)
            let board = BoardWorkbook(context: context, workbook: workbook, styles: try ReportStyles(workbook))
            try board.writeDashboard()
            try board.writeGuide()
            try board.writeOverview()
            try Reports.writeBoardComparison(context, workbook: workbook, table: board.table, hide: board.hide) {
                try board.page($0, landscape: true)
            }
            try board.writeCharts()
            try board.writeFamilyMix()
            try board.writeKeywords()
            try board.writeQuality()
            try board.writeDataQuality()
            try board.writeChanges()
            shown = BoardShown(trend: try board.writeTrend(), mix: Reports.boardMix(context, counts: board.counts, hide: board.hide))
            try board.writeAbout()
            try board.chartData.write(workbook, styles: board.styles, note: suppressionNote(context, context.protection)) {
                try board.page($0, landscape: true, repeatHeader: nil)
            }
        }
        return shown
    }

    /// What a board showed that later boards must respect: tonight's trend row and family mix.
    struct BoardShown: Sendable {
        var trend: BoardTrendRow
        var mix: [BoardMixCell]
    }

    /// What every sheet of the board workbook shares: what to hide is decided once for all sheets
    /// (`BoardSuppression`), and every chart plots from the chart-data sheet (`BoardChartData`), written last.
    final class BoardWorkbook {
        let context: ReportContext
        let workbook: Workbook
        let styles: ReportStyles
        let sessions: [Session]
        let counts: BoardSuppression.Counts
        let hide: BoardSuppression
        var chartData: BoardChartData
        let withheld = ReportCell.withheld

        init(context: ReportContext, workbook: Workbook, styles: ReportStyles) {
            self.context = context
            self.workbook = workbook
            self.styles = styles
            sessions = context.bundle.catalog.sessions
            counts = Reports.boardCounts(context)
            hide = BoardSuppression(counts, protection: context.protection)
            chartData = BoardChartData(sheetName: context.language == .en ? "Chart data" : "Grafiekgegevens")
        }

        var mixTable: [[Int]] { counts.mix }
        var participantCounts: [Int] { counts.participants }
        var participantHidden: [Bool] { hide.participants }

        /// What the markers mean, for the row below a sheet's table (`TableWriter.excelTable(note:…)`).
        var markers: String { Reports.suppressionNote(context, protection) }

        var protection: SmallCellProtection { context.protection }

        func table(_ sheet: Worksheet) -> TableWriter {
            TableWriter(sheet: sheet, styles: styles, timeZone: context.timeZone, protection: protection)
        }

        func small(_ n: Int) -> ReportCell { .count(n, hidden: protection.isSmall(n)) }

        /// A4, fit to width (`pagesWide` pages, the first `repeatColumns` columns on each), the header row on every
        /// page, page x of y and the run date.
        func page(_ sheet: Worksheet, landscape: Bool, repeatHeader: Int? = 0, pagesWide: Int = 1, repeatColumns: Int = 0) throws {
            try sheet.setPage(Worksheet.PageSetup(
                landscape: landscape, fitToWidth: true, pagesWide: pagesWide, repeatRows: repeatHeader.map { $0...$0 },
                repeatColumns: repeatColumns > 0 ? 0...(repeatColumns - 1) : nil,
                footerLeft: Worksheet.footerText(context(.boardTitle)), footerCenter: context(.pageOfPages),
                footerRight: Worksheet.footerText("\(context(.madeOn)) \(context.runDateText)")))
        }

        /// Sessions whose participant count may be shown (the charts' categories).

        /// Places charts `perRow` to a row under `row` (the n-th of a row at column n × `secondColumn`), none
        /// overlapping another: returns the next free row.
        @discardableResult
        func place(_ charts: [Chart], on sheet: Worksheet, row: Int, secondColumn: Int, scale: Double = 1, perRow: Int = 2) throws -> Int {
            let rowsPerChart = Int((288 * scale / 20).rounded(.up)) + 2
            for (k, chart) in charts.enumerated() {
                try sheet.insert(chart, row: row + (k / perRow) * rowsPerChart, column: (k % perRow) * secondColumn, xScale: scale, yScale: scale)
            }
            return row + ((charts.count + perRow - 1) / perRow) * rowsPerChart
        }
    }
}

extension Reports.BoardWorkbook {
    /// A count as the board shows it: hidden where the suppression says so.
    private func count(_ n: Int, _ hidden: Bool) -> ReportCell { .count(n, hidden: hidden) }

    /// The first sheet: headline figures in large type and what happened tonight in a few sentences.
    func writeDashboard() throws {
        let sheet = try workbook.addWorksheet(context(.dashboard))
        let c = context.bundle.manifest.counts
        let qualityIndex = context.bundle.metrics.quality.firstIndex { $0.group == "all" }
        let quality = qualityIndex.flatMap { hide.qualityWithheld[$0] ? nil : context.bundle.metrics.quality[$0] }
        let outside = qualityIndex.flatMap { hide.qualityOutsideWithheld[$0] ? nil : context.bundle.metrics.quality[$0].outsideComfortZoneShare }
        let seats = sessions.reduce(0) { $0 + $1.capacity }
        // Over the sessions whose indices are shown (a mean over all would give a withheld index away).
        let shown = sessions.indices.filter { !hide.indicesWithheld[$0] }.map { context.metrics(sessions[$0]) }
        let meanEvenness = shown.isEmpty ? nil : BoardDiversity.mean(shown.map(\.evenness).reduce(0, +) / Double(shown.count))
        let kinds = Change.Kind.allCases
        func change(_ kind: Change.Kind) -> String {
            let k = kinds.firstIndex(of: kind) ?? 0
            return hide.changes[k] ? protection.marker(for: counts.changes[k]) : "\(counts.changes[k])"
        }
        let bigSpec = FormatSpec(bold: true, fontSize: 20, fontColor: 0x1F3864, horizontal: .right, vertical: .center)
        let big = try workbook.format(bigSpec)
        var shareSpec = bigSpec
        shareSpec.numberFormat = "0%"
        let bigShare = try workbook.format(shareSpec)
        var indexSpec = bigSpec
        indexSpec.numberFormat = "0.00"
        let bigIndex = try workbook.format(indexSpec)
        let label = try workbook.format(FormatSpec(fontSize: 12, vertical: .center))
        let aside = try workbook.format(FormatSpec(fontColor: 0x595959, vertical: .center))
        try sheet.setColumns(0, 0, width: 42)
        try sheet.setColumns(1, 1, width: 14)
        try sheet.setColumns(2, 2, width: 44)
        try sheet.setRow(0, height: 30)
        try sheet.write(0, 0, "\(context(.boardTitle)) \(context.eventName)", styles.bigTitle)
        try sheet.write(1, 0, "\(context(.madeOn)) \(context.runDateText)", styles.note)
        func line(_ r: Int, _ text: String, _ note: String, value: (Worksheet) throws -> Void) throws {
            try sheet.setRow(r, height: 30)
            try sheet.write(r, 0, text, label)
            try value(sheet)
            try sheet.write(r, 2, note, aside)
        }
        func number(_ r: Int, _ text: String, _ n: Int, hidden: Bool, _ note: String = "") throws {
            try line(r, text, note) { sheet in
                if hidden {
                    try sheet.write(r, 1, protection.marker(for: n), big)
                } else {
                    try sheet.write(r, 1, number: Double(n), big)
                }
            }
        }
        func figure(_ r: Int, _ text: String, _ x: Double?, _ format: Format, _ note: String) throws {
            try line(r, text, note) { sheet in
                if let x { try sheet.write(r, 1, number: x, format) } else { try sheet.write(r, 1, protection.secondaryLabel, big) }
            }
        }
        let en = context.language == .en
        try number(3, context(.registrants), c.registrants, hidden: hide.about.registrants)
        try number(4, context(.assigned), c.assigned, hidden: hide.about.assigned, en ? "of \(seats) seats" : "van \(seats) plaatsen")
        try number(5, context(.waitlisted), c.waitlisted, hidden: hide.about.waitlisted)
        try figure(6, context(.shareWithMatch), quality?.shareWithMatch, bigShare, en ? "of those who gave interests" : "van wie interesses opgaf")
        try figure(7, context(.outsideShare), outside, bigShare, en ? "of the assigned" : "van de ingedeelden")
        let over = shown.count == sessions.count ? ""
            : en ? "; over the \(shown.count) of \(sessions.count) sessions whose indices are shown"
            : "; over de \(shown.count) van \(sessions.count) sessies waarvan de indices getoond worden"
        try figure(8, context(.meanEvenness), meanEvenness, bigIndex,
                   (en ? "0 = one discipline, 1 = all equally (Reading guide)" : "0 = één discipline, 1 = alle even sterk (Leeswijzer)") + over)
        let hasHistory = !context.bundle.history.isEmpty
        try line(9, context(.sinceLastRun), hasHistory ? (en ? "new / cancelled; \(change(.moved)) moved" : "nieuw / afgemeld; \(change(.moved)) verplaatst") : context(.firstRun)) { sheet in
            try sheet.write(9, 1, hasHistory ? "+\(change(.new)) / −\(change(.cancelled))" : "—", big)
        }
        for (k, sentence) in summarySentences(quality: quality, outside: outside, change: change).enumerated() {
            try sheet.setRow(11 + k, height: 32)
            try sheet.merge(11 + k, 0, 11 + k, 2, sentence, styles.long)
        }
        let charts = try [fillRateChart(), outsideChart()].compactMap { $0 }
        try place(charts, on: sheet, row: 15, secondColumn: 2, scale: 0.85)
        sheet.hideGridlines()
        try page(sheet, landscape: false, repeatHeader: nil)
        sheet.activate()
    }

    /// Two or three plain sentences about tonight (hidden counts as their markers).
    private func summarySentences(quality: QualityFigures?, outside: Double?, change: (Change.Kind) -> String) -> [String] {
        let c = context.bundle.manifest.counts
        let seats = sessions.reduce(0) { $0 + $1.capacity }
        let percent = { (x: Double) in "\(Int((x * 100).rounded()))%" }
        let outsideText = outside.map(percent) ?? protection.secondaryLabel
        func n(_ value: Int, _ hidden: Bool) -> String {
            hidden ? protection.marker(for: value) : "\(value)"
        }
        let (registrants, assigned, waitlisted) = (n(c.registrants, hide.about.registrants), n(c.assigned, hide.about.assigned), n(c.waitlisted, hide.about.waitlisted))
        let first = context.bundle.history.isEmpty
        if context.language == .en {
            var lines = ["Tonight \(registrants) registrants were processed: \(assigned) are assigned to \(sessions.count) sessions (\(seats) seats) and \(waitlisted) are on the waiting list."]
            if let quality {
                lines.append("\(percent(quality.shareWithMatch)) of those who gave interests found at least one of their keywords in their session; \(outsideText) were taken out of their comfort zone.")
            }
            lines.append(first ? "This is the first run." : "Since the previous run: \(change(.new)) new, \(change(.cancelled)) cancelled, \(change(.moved)) moved to another session.")
            return lines
        }
        var lines = ["Vannacht zijn \(registrants) inschrijvers verwerkt: \(assigned) zijn ingedeeld in \(sessions.count) sessies (\(seats) plaatsen) en \(waitlisted) staan op de wachtlijst."]
        if let quality {
            lines.append("Van wie interesses opgaf vindt \(percent(quality.shareWithMatch)) minstens één eigen steekwoord in de sessie terug; \(outsideText) is uit de eigen comfortzone gehaald.")
        }
        lines.append(first ? "Dit is de eerste run." : "Sinds de vorige run: \(change(.new)) nieuw, \(change(.cancelled)) afgemeld, \(change(.moved)) naar een andere sessie.")
        return lines
    }

    /// Every measure in plain words.
    func writeGuide() throws {
        let sheet = try workbook.addWorksheet(context(.guide))
        let columns = [
            ReportColumn(header: context(.measure), width: 30), ReportColumn(header: context(.measureCounts), width: 50),
            ReportColumn(header: context(.measureRange), width: 18), ReportColumn(header: context(.measureHigh), width: 32),
            ReportColumn(header: context(.measureLow), width: 32), ReportColumn(header: context(.measureBase), width: 28),
        ]
        var rows = BoardGuide.all.map { entry in entry.cells(context).enumerated().map { c, text in c == 0 ? ReportCell.strong(text) : .long(text) } }
        rows.append([.strong(protection.hiddenLabel), .long(context(.smallCellNote).replacingOccurrences(of: "<N", with: protection.hiddenLabel)),
                     .empty, .empty, .empty, .empty])
        rows.append([.strong(protection.secondaryLabel), .long(BoardGuide.secondaryMarker(context, protection)), .empty, .empty, .empty, .empty])
        try table(sheet).excelTable(columns, rows: rows, style: .light(9))
        try page(sheet, landscape: true)
    }

    /// The columns of the overview, with the measure each explains in the reading guide.
    private var overviewColumns: [(column: ReportColumn, measure: ReportLabel?)] {
        [
            (ReportColumn(header: context(.session), width: 11), nil), (ReportColumn(header: context(.title), width: 34), nil),
            (ReportColumn(header: context(.capacity), width: 11), .capacity), (ReportColumn(header: context(.participants), width: 12), .participants),
            (ReportColumn(header: context(.disciplines), width: 12), .disciplines), (ReportColumn(header: context(.unknownDiscipline), width: 12), nil),
            (ReportColumn(header: context(.shannon), width: 11), .shannon), (ReportColumn(header: context(.evenness), width: 14), .evenness),
            (ReportColumn(header: context(.giniSimpson), width: 12), .giniSimpson), (ReportColumn(header: context(.inverseSimpson), width: 12), .inverseSimpson),
            (ReportColumn(header: context(.raoStirling), width: 12), .raoStirling), (ReportColumn(header: context(.raoStirlingEffective), width: 14), .raoStirlingEffective),
            (ReportColumn(header: context(.maxFamilyShare), width: 15), .maxFamilyShare), (ReportColumn(header: context(.organisations), width: 13), nil),
            (ReportColumn(header: context(.maxOrganisationShare), width: 15), .maxOrganisationShare),
            (ReportColumn(header: context(.keywordCoverage), width: 13), .keywordCoverage),
            (ReportColumn(header: context(.meanMatched), width: 14), .meanMatched), (ReportColumn(header: context(.shareWithMatch), width: 13), .shareWithMatch),
            (ReportColumn(header: context(.outsideShare), width: 14), .outsideShare),
        ]
    }

    /// All session figures as an Excel table (withheld where a hidden count could be worked out); shares with
    /// data bars, 0–1 indices with colour scales anchored at 0, 0.5 and 1, notes on the headers pointing to the guide.
    func writeOverview() throws {
        let sheet = try workbook.addWorksheet(context(.overview))
        let columns = overviewColumns
        let rows: [[ReportCell]] = sessions.enumerated().map { i, session in
            let m = context.metrics(session)
            let out = hide.sessionWithheld[i]
            // Rounded as the board shows them everywhere (two decimals, effective numbers whole: `BoardDiversity`).
            let d = counts.diversity.shown[i]
            func index(_ x: Double) -> ReportCell { hide.indicesWithheld[i] ? withheld : .decimal(x) }
            func effective(_ x: Double) -> ReportCell { hide.indicesWithheld[i] ? withheld : .int(Int(x)) }
            func share(_ x: Double) -> ReportCell { out ? withheld : .percent(x) }
            return [
                .text(context.sessionLabel(session.id)), .text(session.title), .int(session.capacity),
                .count(m.participants, hidden: participantHidden[i]), hide.indicesWithheld[i] ? withheld : .int(m.disciplines),
                .count(m.unknownDiscipline, hidden: hide.unknownDiscipline[i] || hide.mix[i].last == true || protection.isSmall(m.unknownDiscipline)),
                index(d.shannon), index(d.evenness), index(d.giniSimpson), effective(d.inverseSimpson),
                index(d.raoStirling), effective(d.raoStirlingEffective),
                hide.maxFamilyShareWithheld[i] ? withheld : .percent(m.maxFamilyShare), out ? withheld : .int(m.organisations),
                share(m.maxOrganisationShare), .percent(m.keywordCoverage), out ? withheld : .decimal(m.meanMatchedKeywords),
                share(m.shareWithMatch), hide.outsideShareWithheld[i] ? withheld : .percent(m.outsideComfortZoneShare),
            ]
        }
        // The note under the columns of the first printed page (a merged cell across the page break prints cut).
        let writer = table(sheet)
        let end = try writer.excelTable(columns.map(\.column), rows: rows)
        try writer.note(markers, row: end, under: Array(columns.prefix(9).map(\.column)))
        for (c, entry) in columns.enumerated() {
            guard let measure = entry.measure, let guide = BoardGuide.entry(measure) else { continue }
            try sheet.note(0, c, context(.seeGuide) + (context.language == .en ? guide.counts.1 : guide.counts.0), width: 280, height: 80)
        }
        let last = sessions.count
        if last > 0 {
            for column in [7, 8, 10] {
                try sheet.colorScale(1, column, last, column, values: (0, 0.5, 1), colors: (Scale.red, Scale.yellow, Scale.green))
            }
            for column in [12, 14, 15, 17, 18] {
                try sheet.dataBars(1, column, last, column, minimum: 0, maximum: 1, color: Scale.bar)
            }
        }
        // Twenty-one columns on one A4 print at half size: two pages wide, each with the session and its title.
        try page(sheet, landscape: true, pagesWide: 2, repeatColumns: 2)
    }

    /// One block of the chart data: a value per session whose figure is shown (`withheld` sessions are not plotted:
    /// never as 0).
    private func sessionBlock(
        _ series: [(String, (Int) -> Double?)], withheld: [Bool]
    ) -> (categories: CellRange, series: [(name: String, values: CellRange)])? {
        let plotted = sessions.indices.filter { !withheld[$0] }
        return chartData.add(BoardChartData.Block(
            categories: plotted.map { context.sessionLabel(sessions[$0].id) },
            series: series.map { name, value in (name, plotted.map(value)) }))
    }

    /// Each measure on its own chart and scale, from zero, in two columns. A session whose diversity indices are
    /// withheld is left out of the diversity charts, one whose shares are withheld out of the share charts.
    func writeCharts() throws {
        let sheet = try workbook.addWorksheet(context(.charts))
        let (context, sessions) = (self.context, self.sessions)
        let (indices, shares) = (hide.indicesWithheld, hide.sessionWithheld)
        // The diversity indices as the overview shows them (rounded), the shares exact.
        let shown = counts.diversity.shown
        let measures: [(ReportLabel, Bool, [Bool], (Int) -> Double)] = [
            (.shannon, false, indices, { shown[$0].shannon }), (.evenness, true, indices, { shown[$0].evenness }),
            (.giniSimpson, true, indices, { shown[$0].giniSimpson }), (.raoStirling, true, indices, { shown[$0].raoStirling }),
            (.keywordCoverage, true, shares, { context.metrics(sessions[$0]).keywordCoverage }),
            (.shareWithMatch, true, shares, { context.metrics(sessions[$0]).shareWithMatch }),
        ]
        var charts: [Chart] = []
        for (label, share, withheld, value) in measures {
            guard let data = sessionBlock([(context(label), value)], withheld: withheld) else { continue }
            charts.append(try measureChart(data, title: context(label), share: share))
        }
        sheet.hideGridlines()
        // Three to a row: the six charts print on one landscape page (two to a row, the third row broke across pages).
        try place(charts, on: sheet, row: 1, secondColumn: 8, scale: 0.85, perRow: 3)
        try page(sheet, landscape: true, repeatHeader: nil)
    }

    /// A chart of one column of the chart data: its own scale from zero (0–100% for shares).
    private func measureChart(_ data: (categories: CellRange, series: [(name: String, values: CellRange)]), title: String, share: Bool) throws -> Chart {
        let chart = try workbook.addChart(.column)
        chart.title(title)
        try chart.addSeries(name: title, categories: data.categories, values: data.series[0].values, color: ReportPalette.series(0), labels: share ? "0%" : "0.00")
        chart.axes(x: Chart.Axis(), y: Chart.Axis(numberFormat: share ? "0%" : "0.0", minimum: 0, maximum: share ? 1 : nil))
        chart.legend(bottom: false)
        return chart
    }

    /// Participants next to seats per session (sessions with a hidden count are not plotted).
    func fillRateChart() throws -> Chart? {
        let plotted = sessions.indices.filter { !participantHidden[$0] }
        guard let data = chartData.add(BoardChartData.Block(
            categories: plotted.map { context.sessionLabel(sessions[$0].id) },
            series: [(context(.participants), plotted.map { Double(participantCounts[$0]) }),
                     (context(.seats), plotted.map { Double(sessions[$0].capacity) })])) else { return nil }
        let chart = try workbook.addChart(.column)
        chart.title(context(.chartFillRate))
        for (k, series) in data.series.enumerated() {
            try chart.addSeries(name: series.name, categories: data.categories, values: series.values, color: ReportPalette.series(k == 0 ? 0 : 9))
        }
        chart.axes(x: Chart.Axis(), y: Chart.Axis(minimum: 0))
        chart.legend(bottom: true)
        return chart
    }

    /// The share outside the comfort zone per session, 0–100%.
    func outsideChart() throws -> Chart? {
        let (context, sessions) = (self.context, self.sessions)
        guard let data = sessionBlock(
            [(context(.outsideShare), { context.metrics(sessions[$0]).outsideComfortZoneShare })], withheld: hide.outsideShareWithheld) else { return nil }
        return try measureChart(data, title: context(.chartOutside), share: true)
    }

    /// The family mix per session (protected counts), and a 100% stacked bar chart in which the families with a
    /// hidden count are combined into "overig" — never plotted as zero.
    func writeFamilyMix() throws {
        let sheet = try workbook.addWorksheet(context(.familyMix))
        let familyNames = context.families.map { context.familyLabel($0) } + [context(.unknown)]
        let columns = [ReportColumn(header: context(.session), width: 11)]
            + familyNames.map { ReportColumn(header: $0, width: max(11, Double($0.count) + 2)) }
            + [ReportColumn(header: context(.total), width: 10)]
        let rows: [[ReportCell]] = sessions.indices.map { i in
            [.text(context.sessionLabel(sessions[i].id))]
                + mixTable[i].indices.map { .count(mixTable[i][$0], hidden: hide.mix[i][$0]) }
                + [.count(participantCounts[i], hidden: participantHidden[i])]
        }
        let end = try table(sheet).excelTable(note: markers, columns, rows: rows)
        guard !sessions.isEmpty, let data = chartData.add(Reports.familyMixChart(
            mixTable, totals: participantCounts, hidden: hide, labels: familyNames,
            sessions: sessions.map { context.sessionLabel($0.id) }, other: context(.other))) else { return try page(sheet, landscape: true) }
        let chart = try workbook.addChart(.barStackedPercent)
        chart.title(context(.chartFamilyMix))
        for (k, series) in data.series.enumerated() {
            let isOther = series.name == context(.other)
            try chart.addSeries(name: series.name, categories: data.categories, values: series.values,
                                color: isOther ? 0xEBEBEB : ReportPalette.series(k), labels: "0")
        }
        chart.axes(x: Chart.Axis(), y: Chart.Axis(numberFormat: "0%", minimum: 0, maximum: 1))
        chart.gap(50)
        chart.legend(bottom: true)
        try sheet.insert(chart, row: end + 2, column: 0, xScale: 2, yScale: max(1.2, Double(sessions.count) * 0.25))
        try page(sheet, landscape: true)
    }

    /// Interest per keyword and session, with a colour scale from zero.
    func writeKeywords() throws {
        let sheet = try workbook.addWorksheet(context(.keywordSheet))
        var order: [String] = []
        var labels: [String: String] = [:]
        var depth: [Int: [String: Int]] = [:]
        for session in sessions {
            for keyword in context.keywordDepth(session) {
                if labels[keyword.id] == nil {
                    order.append(keyword.id)
                    labels[keyword.id] = keyword.label
                }
                depth[session.id, default: [:]][keyword.id] = keyword.count
            }
        }
        let columns = [ReportColumn(header: context(.keyword), width: 40)] + sessions.map { ReportColumn(header: context.sessionLabel($0.id), width: 10) }
        let rows: [[ReportCell]] = order.map { id in
            [.text(labels[id] ?? id)] + sessions.map { session in depth[session.id]?[id].map(small) ?? .empty }
        }
        try table(sheet).excelTable(note: markers, columns, rows: rows, style: .light(1))
        let highest = depth.values.flatMap(\.values).max() ?? 0
        if !order.isEmpty, !sessions.isEmpty, highest > 0 {
            try sheet.colorScale(1, 1, order.count, sessions.count, values: (0, Double(highest) / 2, Double(highest)),
                                 colors: (0xFFFFFF, 0xBDD7EE, 0x5B9BD5))
        }
        try page(sheet, landscape: sessions.count > 6)
    }

    /// Match quality for everyone and per family: the rank profile is "hoeveelste steekwoord-match".
    func writeQuality() throws {
        let sheet = try workbook.addWorksheet(context(.quality))
        let quality = context.bundle.metrics.quality
        let ranks = counts.ranks
        let allIndex = quality.firstIndex { $0.group == "all" }
        let familyIndices = quality.indices.filter { $0 != allIndex }
        let columns = [
            ReportColumn(header: context(.group), width: 28), ReportColumn(header: context(.participants), width: 12),
            ReportColumn(header: context(.shareWithMatch), width: 13), ReportColumn(header: context(.meanMatched), width: 14),
            ReportColumn(header: context(.outsideShare), width: 14), ReportColumn(header: context(.worstRank), width: 14),
            ReportColumn(header: context(.waitlisted), width: 12),
        ] + (0..<ranks).map { ReportColumn(header: "\(context(.rank)) \($0 + 1)", width: 12) }
        func line(_ k: Int, label: String) -> [ReportCell] {
            let q = quality[k]
            let values = QualityCounts(q, ranks: ranks).all, hidden = hide.qualityCounts[k].all
            let out = hide.qualityWithheld[k]
            return [
                .strong(label), .count(q.participants, hidden: hide.qualityParticipants[k]),
                out ? withheld : .percent(q.shareWithMatch), out ? withheld : .decimal(q.meanMatchedKeywords),
                hide.qualityOutsideWithheld[k] ? withheld : .percent(q.outsideComfortZoneShare), .int(q.worstRank),
            ] + values.indices.map { .count(values[$0], hidden: hidden[$0]) }
        }
        var rows: [[ReportCell]] = []
        if let allIndex { rows.append(line(allIndex, label: context(.all))) }
        for index in familyIndices {
            // Metrics groups the participants without a known family as "unknown".
            let group = quality[index].group
            rows.append(line(index, label: group == "unknown" ? context(.unknown) : context.familyLabel(group)))
        }
        let end = try table(sheet).excelTable(note: markers, columns, rows: rows)
        if !rows.isEmpty {
            try sheet.dataBars(1, 2, rows.count, 2, minimum: 0, maximum: 1, color: Scale.bar)
            try sheet.dataBars(1, 4, rows.count, 4, minimum: 0, maximum: 1, color: Scale.bar)
        }
        if let allIndex, ranks > 0, let data = chartData.add(Reports.rankChart(
            quality[allIndex], ranks: ranks, hiddenCounts: hide.qualityCounts[allIndex],
            participantsShown: !hide.qualityParticipants[allIndex], labels: (0..<ranks).map { "\(context(.rank)) \($0 + 1)" },
            name: context(.all), other: context(.other))) {
            let chart = try workbook.addChart(.column)
            chart.title(context(.chartRankProfile))
            try chart.addSeries(name: context(.all), categories: data.categories, values: data.series[0].values, color: ReportPalette.series(0), labels: "0")
            chart.axes(x: Chart.Axis(name: context(.rank)), y: Chart.Axis(name: context(.participants), minimum: 0))
            chart.legend(bottom: false)
            try sheet.insert(chart, row: end + 2, column: 0, xScale: 1.4, yScale: 1.1)
        }
        try page(sheet, landscape: true)
    }

    /// Problems in the input: count per code and severity.
    func writeDataQuality() throws {
        let sheet = try workbook.addWorksheet(context(.dataQuality))
        let entries = Reports.dataQualityEntries(context.bundle)
        try table(sheet).excelTable(
            note: markers,
            [ReportColumn(header: context(.meaning), width: 46), ReportColumn(header: context(.severity), width: 13),
             ReportColumn(header: context(.code), width: 24), ReportColumn(header: context(.count), width: 10)],
            rows: entries.indices.map {
                [.long(context.meaning(ofCode: entries[$0].code)), .text(context.severity(entries[$0].severity)),
                 .text(entries[$0].code), .count(entries[$0].count, hidden: hide.dataQuality[$0])]
            })
        try page(sheet, landscape: false)
    }

    /// Changes since the previous run: counts per kind, no names or e-mails.
    func writeChanges() throws {
        let sheet = try workbook.addWorksheet(context(.changes))
        let kinds = Change.Kind.allCases
        try table(sheet).excelTable(
            note: markers,
            [ReportColumn(header: context(.kind), width: 28), ReportColumn(header: context(.count), width: 10)],
            rows: kinds.indices.map { [.text(context(ReportLabel.change(kinds[$0]))), .count(counts.changes[$0], hidden: hide.changes[$0])] }
                + [[.strong(context(.total)), .count(context.bundle.changes.count, hidden: hide.changesTotal)]])
        try page(sheet, landscape: false)
    }

    /// Runs over time: dates on the x axis (real time between runs), counts from zero; withheld figures are gaps.
    /// Each earlier run shows what its own board showed (`BoardTrend`). The objective stays out of the board's view
    /// (run.json has it). Returns tonight's row as shown.
    func writeTrend() throws -> BoardTrendRow {
        let sheet = try workbook.addWorksheet(context(.trend))
        let trend = BoardTrend(context, counts: counts, hide: hide)
        let runs = trend.runs, tonight = trend.runs[trend.runs.count - 1].shown
        let note = trend.hasUnrecorded ? markers + " " + context(.trendUnrecordedNote) : markers
        let end = try table(sheet).excelTable(
            note: note,
            [ReportColumn(header: context(.run), width: 24), ReportColumn(header: context(.date), width: 17),
             ReportColumn(header: context(.registrants), width: 13), ReportColumn(header: context(.assigned), width: 12),
             ReportColumn(header: context(.waitlisted), width: 12), ReportColumn(header: context(.meanShannon), width: 14)],
            rows: runs.map { run in
                [.text(run.runID), .date(run.startedAt)] + run.shown.figures.dropLast().map { BoardTrend.countCell($0, protection) }
                    + [BoardTrend.indexCell(run.shown.meanShannon)]
            })
        // Landscape: the two trend charts stand side by side.
        try page(sheet, landscape: runs.count >= 2)
        guard runs.count >= 2 else { return tonight }
        // Dates as Excel serial days: the x axis of a scatter chart is a value axis.
        let zone = context.timeZone
        let serial = { (date: Date) in date.timeIntervalSince1970 / 86_400 + 25_569 + Double(zone.secondsFromGMT(for: date)) / 86_400 }
        let names = [context(.registrants), context(.assigned), context(.waitlisted), context(.meanShannon)]
        guard let data = chartData.add(BoardChartData.Block(
            categories: runs.map(\.runID),
            series: [(context(.date), runs.map { serial($0.startedAt) })] + names.indices.map { k in
                (names[k], runs.map { $0.shown.figures[k].shownValue })
            })) else { return tonight }
        let dates = data.series[0].values
        let xAxis = Chart.Axis(name: context(.date), numberFormat: "d-m", minimum: serial(runs[0].startedAt).rounded(.down),
                               maximum: serial(runs[runs.count - 1].startedAt).rounded(.up), majorUnit: 1)
        let people = try workbook.addChart(.scatterLines)
        people.title(context(.chartTrend))
        for k in 1...3 {
            try people.addSeries(name: data.series[k].name, categories: dates, values: data.series[k].values, color: ReportPalette.series(k - 1), marker: true)
        }
        people.axes(x: xAxis, y: Chart.Axis(name: context(.participants), minimum: 0))
        people.legend(bottom: true)
        let diversity = try workbook.addChart(.scatterLines)
        diversity.title(context(.meanShannon))
        try diversity.addSeries(name: context(.meanShannon), categories: dates, values: data.series[4].values, color: ReportPalette.series(2), marker: true)
        diversity.axes(x: xAxis, y: Chart.Axis(numberFormat: "0.0", minimum: 0))
        diversity.legend(bottom: false)
        try place([people, diversity], on: sheet, row: end + 2, secondColumn: 5)
        return tonight
    }

    /// How the report was made (the objective value stays out of the board's view: run.json has it).
    func writeAbout() throws {
        let sheet = try workbook.addWorksheet(context(.about))
        let manifest = context.bundle.manifest
        let c = manifest.counts
        let rows: [[ReportCell]] = [
            [.strong(context(.event)), .long(context.eventName)],
            [.strong(context(.runID)), .text(manifest.runID)],
            [.strong(context(.runDate)), .date(manifest.startedAt)],
            [.strong(context(.sessions)), .int(sessions.count)],
            [.text(context(.rowsRead)), count(c.rowsRead, hide.about.rowsRead)],
            [.text(context(.rejected)), count(c.rejected, hide.about.rejected)],
            [.text(context(.duplicatesMerged)), count(c.duplicatesMerged, hide.about.duplicatesMerged)],
            [.text(context(.registrants)), count(c.registrants, hide.about.registrants)],
            [.text(context(.cancelled)), count(c.cancelled, hide.about.cancelled)],
            [.text(context(.assigned)), count(c.assigned, hide.about.assigned)],
            [.text(context(.waitlisted)), count(c.waitlisted, hide.about.waitlisted)],
            [.empty, .empty],
            [.empty, .long(context(.noPersonalData))],
            [.empty, .long(Reports.suppressionNote(context, protection))],
        ]
        var writer = table(sheet)
        writer.leftAligned = true
        try writer.excelTable([ReportColumn(header: context(.item), width: 30), ReportColumn(header: context(.value), width: 80)], rows: rows, style: .light(1))
        try page(sheet, landscape: false)
    }
}
