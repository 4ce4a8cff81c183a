import Foundation
import LibXLSXWriter
import WerksessiesModel

/// `partners/<id>.xlsx`: a cover, per own session its participant sheet, a summary, the changes since the
/// previous list and per session a printable attendance list. One function per sheet.
extension Reports {
    /// What every sheet of one partner workbook shares.
    struct PartnerWorkbook {
        let context: ReportContext
        let organisation: Trekker
        let sessions: [Session]
        let rows: [Int: TextRows]
        let workbook: Workbook
        let styles: ReportStyles
        let settings: Settings

        func table(_ sheet: Worksheet) -> TableWriter {
            TableWriter(sheet: sheet, styles: styles, timeZone: context.timeZone, protection: context.protection)
        }

        /// A4, fit to width, the header row(s) and `header` (e.g. the session) on every page, the confidentiality
        /// line, page x of y and the run date.
        func page(_ sheet: Worksheet, landscape: Bool, repeatRows: ClosedRange<Int>? = 0...0, header: String = "") throws {
            try sheet.setPage(Worksheet.PageSetup(
                landscape: landscape, fitToWidth: true, repeatRows: repeatRows, header: Worksheet.footerText(header),
                footerLeft: Worksheet.footerText(context(.confidential)), footerCenter: context(.pageOfPages),
                footerRight: Worksheet.footerText("\(context(.madeOn)) \(context.runDateText)")))
        }
    }

    /// Writes `partners/<id>.xlsx` for one trekker organisation.
    static func writePartnerWorkbook(
        _ context: ReportContext, organisation: Trekker, rows: [Int: TextRows], path: String, settings: Settings
    ) throws {
        let sessions = PartnerSelection.sessions(of: organisation.id, in: context.bundle.catalog, context.bundle.options)
        let rowCount = sessions.reduce(0) { $0 + (rows[$1.id]?.rowCount ?? 0) }
        let options = Workbook.Options(constantMemory: rowCount >= settings.constantMemoryRows)
        try Workbook.write(to: path, options: options) { workbook in
            try Reports.setDocumentProperties(workbook, context, .partner(organisation, sessions))
            let partner = PartnerWorkbook(
                context: context, organisation: organisation, sessions: sessions, rows: rows, workbook: workbook,
                styles: try ReportStyles(workbook), settings: settings)
            try partner.writeCover()
            for session in sessions { try partner.writeParticipants(session) }
            try partner.writeSummary()
            try partner.writeChanges()
            for session in sessions { try partner.writeAttendance(session) }
        }
    }
}

extension Reports.PartnerWorkbook {
    /// The cover: a title page with the session's own text from the catalog, when the list was made and who is on it.
    func writeCover() throws {
        let sheet = try workbook.addWorksheet(context(.cover))
        let nameOnly = context.bundle.options.partnersWithoutConsent == .nameOnly
        let memberCount = sessions.reduce(0) { $0 + (context.members[$1.id]?.count ?? 0) }
        let listed = sessions.reduce(0) { $0 + (rows[$1.id]?.rowCount ?? 0) }
        var writer = table(sheet)
        writer.leftAligned = true
        writer.widths = [36, 90]
        try writer.setWidths([ReportColumn(header: "", width: 36), ReportColumn(header: "", width: 90)])
        try sheet.setRow(0, height: 30)
        try sheet.write(0, 0, "\(context(.partnerTitle)) \(organisation.name)", styles.bigTitle)
        try sheet.write(1, 0, context.eventName, styles.title)
        var lines: [[ReportCell]] = [
            [.empty, .empty],
            [.strong(context(.madeOn)), .date(context.bundle.manifest.startedAt)],
            [.strong(context(.runID)), .text(context.bundle.manifest.runID)],
            [.strong(context(.participants)), .int(memberCount)],
            [.strong(context(.listed)), .int(listed)],
            [.strong(context(nameOnly ? .namesOnly : .notListed)), .int(memberCount - sessions.reduce(0) { $0 + (context.consenting[$1.id] ?? 0) })],
        ]
        if let contact = context.bundle.options.contact, !contact.isEmpty {
            lines.append([.strong(context(.contact)), .long(contact)])
        }
        for session in sessions { lines += sessionText(session) }
        lines.append([.empty, .empty])
        lines.append([.empty, .long(context(.sheetGuide))])
        lines.append([.empty, .long(context(nameOnly ? .partnerNoteNamesOnly : .partnerNote))])
        for (r, cells) in lines.enumerated() { try writer.row(cells, row: r + 2) }
        sheet.hideGridlines()
        try page(sheet, landscape: false, repeatRows: nil)
        sheet.activate()
    }

    /// A session as the catalog describes it, with its figures.
    private func sessionText(_ session: Session) -> [[ReportCell]] {
        let members = context.members[session.id]?.count ?? 0
        var lines: [[ReportCell]] = [
            [.empty, .empty],
            [.strong(context.sessionLabel(session.id)), .strong(session.title)],
            [.text(context(.trekkers)), .long(Self.trekkersText(session))],
            [.text(context(.toelichting)), .long(session.toelichting)],
            [.text(context(.keywords)), .long(session.keywords.map(\.label).joined(separator: ", "))],
        ]
        if let moment = session.specialMoment, !moment.isEmpty { lines.append([.text(context(.specialMoment)), .long(moment)]) }
        if !session.eligibility.isEmpty {
            lines.append([.text(context(.eligibility)), .long(session.eligibility.map(\.label).joined(separator: "; "))])
        }
        lines += [
            [.text(context(.capacity)), .int(session.capacity)],
            [.text(context(.participants)), .int(members)],
            [.text(context(.withConsent)), .int(context.consenting[session.id] ?? 0)],
            [.text(context(.outsideComfortZone)), .int(context.outside[session.id] ?? 0)],
        ]
        return lines
    }

    /// The trekkers as the source writes them: the leading partners joined by "+", then "i.s.m." and the others.
    static func trekkersText(_ session: Session) -> String {
        func name(_ t: Trekker) -> String {
            guard let abbreviation = t.abbreviation, !abbreviation.isEmpty, !t.name.hasPrefix(abbreviation) else { return t.name }
            return "\(abbreviation) \(t.name)"
        }
        let leading = session.trekkers.filter { !$0.inCooperation }.map(name).joined(separator: " + ")
        let cooperating = session.trekkers.filter(\.inCooperation).map(name).joined(separator: " + ")
        return cooperating.isEmpty ? leading : "\(leading) i.s.m. \(cooperating)"
    }

    /// A session's participants: top-aligned, wrapped where needed, banded (an Excel table in memory; alternating
    /// row formats and an autofilter in constant-memory mode), the header row and the names frozen.
    func writeParticipants(_ session: Session) throws {
        let sheet = try workbook.addWorksheet(context.sessionLabel(session.id))
        let layout = PartnerSheetLayout(context, session: session)
        let lines = rows[session.id] ?? TextRows(columns: layout.columns.count)
        let writer = table(sheet)
        try writer.setWidths(layout.columns)
        let plain = layout.columns.indices.map { c in c == layout.email ? styles.link : layout.wrapped.contains(c) ? styles.long : styles.text }
        // Notes first: in constant-memory mode a row cannot be touched once a later one is written.
        if workbook.options.constantMemory { try writer.header(layout.columns, row: 0) }
        try sheet.note(0, layout.columns.count - 2, context(.reasonNote), width: 320, height: 90)
        try sheet.note(0, layout.columns.count - 3, context(.newNote), width: 240, height: 50)
        // Alternating row formats in both modes: the same bands in every spreadsheet program (LibreOffice
        // does not draw Excel's table styles); in memory the rows are an Excel table as well.
        let band = layout.columns.indices.map { c in c == layout.email ? styles.bandLink : layout.wrapped.contains(c) ? styles.bandLong : styles.bandText }
        if workbook.options.constantMemory {
            try sheet.write(lines, firstRow: 1, formats: plain, bands: [plain, band])
            try sheet.autofilter(row: 0, first: 0, last: layout.columns.count - 1, lastRow: lines.rowCount)
        } else {
            try sheet.setRow(0, height: TableWriter.headerHeight(layout.columns))
            try sheet.write(lines, firstRow: 1, formats: plain, bands: [plain, band])
            try sheet.addTable(
                firstRow: 0, firstColumn: 0, lastRow: lines.rowCount, headers: layout.columns.map(\.header),
                headerFormat: styles.header, style: .light(9), name: "Sessie\(session.id)")
        }
        sheet.freeze(rows: 1, columns: 1)
        try page(sheet, landscape: true, header: "\(context.sessionLabel(session.id)) — \(session.title)")
    }

    /// Newcomers and departures since the previous list, per own session (only people the partner may see).
    func writeChanges() throws {
        let sheet = try workbook.addWorksheet(context(.changes))
        var writer = table(sheet)
        let columns = [
            ReportColumn(header: context(.session), width: 11), ReportColumn(header: context(.name), width: 28),
            ReportColumn(header: context(.organisation), width: 30), ReportColumn(header: context(.kind), width: 26),
        ]
        writer.widths = columns.map(\.width)
        // Per session the newcomers, then who moved elsewhere, then who left, each in Dutch list order.
        var entries: [(session: Int, kind: Int, key: String, cells: [ReportCell])] = []
        let options = context.bundle.options
        let own = Set(sessions.map(\.id))
        for change in context.bundle.changes {
            guard let index = context.changedParticipants[change.participantID] else { continue }
            let participant = context.bundle.participants[index]
            guard PartnerSelection.listing(participant, options) != .notListed else { continue }
            let full = PartnerSelection.listing(participant, options) == .full
            let organisation = full ? participant.organisation : ""
            let key = DutchNameOrder.listKey(name: participant.name, id: participant.id)
            if let to = change.toSession, own.contains(to), context.arrivals[to]?.contains(change.participantID) == true {
                entries.append((to, 0, key, [.text(context.sessionLabel(to)), .text(participant.name), .text(organisation), .text(context(.arrived))]))
            }
            if let from = change.fromSession, own.contains(from), change.toSession != from {
                let moved = change.kind == .moved || change.kind == .waitlisted
                entries.append((from, moved ? 1 : 2, key, [
                    .text(context.sessionLabel(from)), .text(participant.name), .text(organisation),
                    .text(context(moved ? .movedElsewhere : .left)),
                ]))
            }
        }
        entries.sort { a, b in
            (a.session, a.kind) != (b.session, b.kind) ? (a.session, a.kind) < (b.session, b.kind) : ByteOrder.compare(a.key, b.key) < 0
        }
        var lines = entries.map(\.cells)
        if lines.isEmpty {
            lines = [[.empty, .long(context(context.bundle.history.isEmpty ? .firstList : .noChangesSinceLastList))]]
        }
        try writer.mainTable(columns, rows: lines)
        try page(sheet, landscape: false)
    }

    /// A printable attendance list: name, organisation and room to sign, with empty lines for late arrivals.
    func writeAttendance(_ session: Session) throws {
        let sheet = try workbook.addWorksheet("\(context(.attendanceList)) \(context.sessionLabel(session.id).lowercased())")
        let writer = table(sheet)
        let participants = context.bundle.participants
        let options = context.bundle.options
        let listed = (context.members[session.id] ?? []).filter { PartnerSelection.listing(participants[$0], options) != .notListed }
        try writer.setWidths([
            ReportColumn(header: "", width: 30), ReportColumn(header: "", width: 32), ReportColumn(header: "", width: 34),
        ])
        try sheet.setRow(0, height: 24)
        try sheet.write(0, 0, "\(context(.attendanceList)) \(context.sessionLabel(session.id)) — \(session.title)", styles.title)
        guard listed.count <= settings.attendanceRows else {
            try sheet.write(1, 0, String(format: context(.attendanceTooLong), settings.attendanceRows), styles.note)
            try page(sheet, landscape: false, repeatRows: nil)
            return
        }
        let columns = [
            ReportColumn(header: context(.name), width: 30), ReportColumn(header: context(.organisation), width: 32),
            ReportColumn(header: context(.signature), width: 34),
        ]
        try writer.header(columns, row: 1)
        var r = 2
        for index in listed + Array(repeating: -1, count: 8) {
            try sheet.setRow(r, height: 26)
            let full = index >= 0 && PartnerSelection.listing(participants[index], options) == .full
            try sheet.write(r, 0, index >= 0 ? participants[index].name : "", styles.boxed)
            try sheet.write(r, 1, full ? participants[index].organisation : "", styles.boxed)
            try sheet.write(r, 2, "", styles.boxed)
            r += 1
        }
        try page(sheet, landscape: false, repeatRows: 0...1)
    }

    /// The family mix of the own sessions (table and a 100% stacked bar chart), keyword depth and coverage.
    func writeSummary() throws {
        let summary = try workbook.addWorksheet(context(.summary))
        var writer = table(summary)
        var columns = [ReportColumn(header: context(.family), width: 24)]
        columns += sessions.enumerated().map { ReportColumn(header: context.sessionLabel($1.id), width: $0 == 0 ? 34 : 18) }
        let mixes = sessions.map { context.familyCounts($0) }
        var mixRows: [[ReportCell]] = context.families.indices.map { f in
            [.text(context.familyLabel(context.families[f]))] + mixes.map { .int($0.counts[f]) }
        }
        mixRows.append([.text(context(.unknown))] + mixes.map { .int($0.unknown) })
        let widths = [columns[0]] + (1..<max(columns.count, 3)).map { $0 < columns.count ? columns[$0] : ReportColumn(header: "", width: $0 == 1 ? 34 : 18) }
        writer.widths = widths.map(\.width)
        try writer.setWidths(widths)
        try writer.header(columns, row: 0)
        for (r, cells) in mixRows.enumerated() { try writer.row(cells, row: r + 1) }
        summary.freeze(rows: 1, columns: 1)
        var r = mixRows.count + 2
        if !sessions.isEmpty {
            let chart = try workbook.addChart(.barStackedPercent)
            chart.title(context(.chartFamilyMix))
            for f in mixRows.indices {
                try chart.addSeries(
                    name: f < context.families.count ? context.familyLabel(context.families[f]) : context(.unknown),
                    categories: CellRange(sheet: summary.name, firstRow: 0, firstColumn: 1, lastRow: 0, lastColumn: sessions.count),
                    values: CellRange(sheet: summary.name, firstRow: f + 1, firstColumn: 1, lastRow: f + 1, lastColumn: sessions.count),
                    color: ReportPalette.series(f), labels: "")
            }
            chart.axes(x: Chart.Axis(), y: Chart.Axis(numberFormat: "0%", minimum: 0, maximum: 1))
            chart.gap(60)
            chart.legend(bottom: true)
            let height = max(1.0, Double(sessions.count) * 0.35 + 0.6)
            try summary.insert(chart, row: r, column: 0, xScale: 1.6, yScale: height)
            r += Int((288 * height / 20).rounded(.up)) + 2
        }
        try writer.header(
            [ReportColumn(header: context(.session), width: 24), ReportColumn(header: context(.keyword), width: 34),
             ReportColumn(header: context(.interested), width: 18)], row: r)
        r += 1
        for session in sessions {
            for keyword in context.keywordDepth(session) {
                try writer.row([.text(context.sessionLabel(session.id)), .long(keyword.label), .int(keyword.count)], row: r)
                r += 1
            }
        }
        r += 1
        try writer.header([ReportColumn(header: context(.session), width: 24), ReportColumn(header: context(.coverage), width: 14)], row: r)
        r += 1
        for session in sessions {
            try writer.row([.text(context.sessionLabel(session.id)), .percent(context.metrics(session).keywordCoverage)], row: r)
            r += 1
        }
        try page(summary, landscape: false)
    }
}

/// Chart colours: the Okabe–Ito palette (distinguishable with every common colour-vision deficiency; its black
/// replaced by greys, on which the data labels stay readable).
enum ReportPalette {
    static let colors: [UInt32] = [
        0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442, 0x595959, 0x999999, 0xCCCCCC,
    ]

    /// The colour of series `index`.
    static func series(_ index: Int) -> UInt32 { colors[index % colors.count] }
}
