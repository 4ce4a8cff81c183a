import LibXLSXWriter
import Dispatch
import Foundation
import WerksessiesModel

extension Reports {
    /// The participant lines of every session (shared by all partners of the session), sessions in parallel:
    /// name, organisation, role, discipline, interests, matched keywords, reason, e-mail (or why not).
    static func partnerRows(_ context: ReportContext, parallel: Bool = true) -> [Int: TextRows] {
        let sessions = context.bundle.catalog.sessions
        let results = IndexedResults<TextRows>(count: sessions.count)
        let work: @Sendable (Int) -> Void = { i in results.set(i, partnerRows(context, session: sessions[i])) }
        if parallel {
            DispatchQueue.concurrentPerform(iterations: sessions.count, execute: work)
        } else {
            for i in sessions.indices { work(i) }
        }
        var out: [Int: TextRows] = [:]
        for (i, session) in sessions.enumerated() {
            out[session.id] = results.value(i) ?? TextRows(columns: partnerColumns(context).count)
        }
        return out
    }

    private static func partnerRows(_ context: ReportContext, session: Session) -> TextRows {
        let participants = context.bundle.participants
        let placements = context.bundle.assignment.placements
        let indices = context.members[session.id] ?? []
        let columns = partnerColumns(context)
        let noConsent = context(.noConsent)
        let labels = context.keywordLabels
        func keywords(_ ids: [String]) -> String {
            var text = ""
            for (i, id) in ids.enumerated() {
                if i > 0 { text += ", " }
                text += labels[id] ?? id
            }
            return text
        }
        var rows = TextRows(columns: columns.count)
        rows.reserve(rows: indices.count, bytesPerRow: 256)
        let options = context.bundle.options
        for index in indices {
            let listing = PartnerSelection.listing(participants[index], options)
            if listing == .notListed { continue }
            if listing == .nameOnly {
                rows.appendCell(participants[index].name)
                for _ in 1..<(columns.count - 1) { rows.appendCell("") }
                rows.appendCell(noConsent)
                rows.endRow(height: 0)
                continue
            }
            let p = context.placementIndex[index]
            let interests = keywords(participants[index].interests)
            let matched = p >= 0 ? keywords(placements[p].matchedKeywords) : ""
            let reason = p >= 0 ? placements[p].explanation : ""
            var height = 1
            for (column, text) in zip(wrappedColumns, [interests, matched, reason]) {
                height = max(height, TableWriter.lines(text, width: columns[column].width))
            }
            height = min(height, 8)
            rows.appendCell(participants[index].name)
            rows.appendCell(participants[index].organisation)
            rows.appendCell(participants[index].role)
            rows.appendCell(context.disciplineLabel(participants[index].discipline))
            rows.appendCell(interests)
            rows.appendCell(matched)
            rows.appendCell(reason)
            rows.appendCell(participants[index].email)
            rows.endRow(height: height > 1 ? 15 * Double(height) : 0)
        }
        return rows
    }

    /// Interests, matched keywords and reason wrap.
    static let wrappedColumns = 4...6

    static func partnerColumns(_ c: ReportContext) -> [ReportColumn] {
        [
            ReportColumn(header: c(.name), width: 24), ReportColumn(header: c(.organisation), width: 28),
            ReportColumn(header: c(.role), width: 22), ReportColumn(header: c(.discipline), width: 22),
            ReportColumn(header: c(.interests), width: 40),
            ReportColumn(header: c(.matchedKeywords), width: 30), ReportColumn(header: c(.reason), width: 60),
            ReportColumn(header: c(.email), width: 32),
        ]
    }

    /// Writes `partners/<id>.xlsx` for one trekker organisation: cover, one sheet per own session, summary.
    static func writePartnerWorkbook(
        _ context: ReportContext, organisation: Trekker, rows: [Int: TextRows], path: String, constantMemoryRows: Int
    ) throws {
        let sessions = PartnerSelection.sessions(of: organisation.id, in: context.bundle.catalog, context.bundle.options)
        let privacy = { (label: PartnerPrivacyLabel) in label.text(context.language) }
        let nameOnly = context.bundle.options.partnersWithoutConsent == .nameOnly
        let memberCount = sessions.reduce(0) { $0 + (context.members[$1.id]?.count ?? 0) }
        let rowCount = sessions.reduce(0) { $0 + (rows[$1.id]?.rowCount ?? 0) }
        let manifest = context.bundle.manifest
        try Workbook.write(to: path, options: Workbook.Options(constantMemory: rowCount >= constantMemoryRows)) { workbook in
            try workbook.setProperties(Workbook.Properties(
                title: "\(context(.partnerTitle)) \(organisation.name)", subject: context.eventName,
                author: "werksessies", company: organisation.name, created: manifest.startedAt))
            let styles = try ReportStyles(workbook)
            func table(_ sheet: Worksheet) -> TableWriter {
                TableWriter(sheet: sheet, styles: styles, timeZone: context.timeZone, protection: context.protection)
            }

            // Cover.
            let cover = try workbook.addWorksheet(context(.cover))
            var coverRows: [[ReportCell]] = [
                [.strong(context(.event)), .long(context.eventName)],
                [.strong(context(.organisation)), .long(organisation.name)],
                [.strong(context(.runDate)), .date(manifest.startedAt)],
                [.strong(context(.runID)), .text(manifest.runID)],
                [.strong(context(.sessions)), .int(sessions.count)],
                [.strong(context(.participants)), .int(memberCount)],
                [.strong(privacy(.listed)), .int(rowCount)],
            ]
            for session in sessions {
                let members = context.members[session.id] ?? []
                let consenting = context.consenting[session.id] ?? 0
                let outside = context.outside[session.id] ?? 0
                coverRows.append([.empty, .empty])
                coverRows.append([.strong(context.sessionLabel(session.id)), .strong(session.title)])
                coverRows.append([.text(context(.trekkers)), .long(session.trekkers.map(\.name).joined(separator: ", "))])
                coverRows.append([.text(context(.toelichting)), .long(session.toelichting)])
                coverRows.append([.text(context(.keywords)), .long(session.keywords.map(\.label).joined(separator: ", "))])
                if let moment = session.specialMoment, !moment.isEmpty {
                    coverRows.append([.text(context(.specialMoment)), .long(moment)])
                }
                if !session.eligibility.isEmpty {
                    coverRows.append([.text(context(.eligibility)), .long(session.eligibility.map(\.label).joined(separator: "; "))])
                }
                coverRows.append([.text(context(.capacity)), .int(session.capacity)])
                coverRows.append([.text(context(.participants)), .int(members.count)])
                coverRows.append([.text(context(.withConsent)), .int(consenting)])
                coverRows.append([.text(privacy(nameOnly ? .namesOnly : .notListed)), .int(members.count - consenting)])
                coverRows.append([.text(context(.outsideComfortZone)), .int(outside)])
            }
            coverRows.append([.empty, .empty])
            coverRows.append([.empty, .long(privacy(nameOnly ? .noteNamesOnly : .note))])
            var coverWriter = table(cover)
            coverWriter.leftAligned = true
            try coverWriter.mainTable(
                [ReportColumn(header: context(.item), width: 28), ReportColumn(header: context(.value), width: 80)],
                rows: coverRows)

            // One sheet per session.
            let columns = partnerColumns(context)
            for session in sessions {
                let sheet = try workbook.addWorksheet(context.sessionLabel(session.id))
                let writer = table(sheet)
                let lines = rows[session.id] ?? TextRows(columns: columns.count)
                try writer.setWidths(columns)
                try writer.header(columns, row: 0)
                try sheet.write(lines, firstRow: 1, formats: columns.indices.map { wrappedColumns.contains($0) ? styles.long : nil })
                sheet.freeze(rows: 1)
                try sheet.autofilter(row: 0, first: 0, last: columns.count - 1, lastRow: lines.rowCount)
                sheet.printLandscapeFitWidth()
            }

            // Summary: family mix (table + chart), then keyword depth and coverage.
            let summary = try workbook.addWorksheet(context(.summary))
            let writer = table(summary)
            var columnsSummary = [ReportColumn(header: context(.family), width: 24)]
            columnsSummary += sessions.enumerated().map { ReportColumn(header: context.sessionLabel($1.id), width: $0 == 0 ? 34 : 17) }
            let mixes = sessions.map { context.familyCounts($0) }
            var mixRows: [[ReportCell]] = context.families.indices.map { f in
                [.text(context.familyLabel(context.families[f]))] + mixes.map { .int($0.counts[f]) }
            }
            mixRows.append([.text(context(.unknown))] + mixes.map { .int($0.unknown) })
            let summaryWidths = columnsSummary + [ReportColumn(header: "", width: 17), ReportColumn(header: "", width: 17)]
            try writer.setWidths(summaryWidths)
            try writer.header(columnsSummary, row: 0)
            for (r, cells) in mixRows.enumerated() { try writer.row(cells, row: r + 1) }
            summary.freeze(rows: 1)
            summary.printLandscapeFitWidth()
            try summary.autofilter(row: 0, first: 0, last: columnsSummary.count - 1, lastRow: mixRows.count)
            if !sessions.isEmpty {
                let chart = try workbook.addChart(.column)
                chart.title(context(.chartFamilyMix))
                for (s, session) in sessions.enumerated() {
                    try chart.addSeries(
                        name: context.sessionLabel(session.id),
                        categories: CellRange(sheet: summary.name, firstRow: 1, firstColumn: 0, lastRow: mixRows.count, lastColumn: 0),
                        values: CellRange(sheet: summary.name, firstRow: 1, firstColumn: s + 1, lastRow: mixRows.count, lastColumn: s + 1),
                        color: ReportPalette.series(s))
                }
                chart.axes(x: context(.family), y: context(.participants))
                chart.legend(bottom: true)
                try summary.insert(chart, row: 1, column: columnsSummary.count + 1, xScale: 1.6, yScale: 1.8)
            }
            var r = mixRows.count + 2
            try writer.header(
                [ReportColumn(header: context(.session), width: summaryWidths[0].width),
                 ReportColumn(header: context(.keyword), width: summaryWidths[1].width),
                 ReportColumn(header: context(.interested), width: summaryWidths[2].width)], row: r)
            r += 1
            for session in sessions {
                for keyword in context.keywordDepth(session) {
                    try writer.row([.text(context.sessionLabel(session.id)), .text(keyword.label), .int(keyword.count)], row: r)
                    r += 1
                }
            }
            r += 1
            try writer.header(
                [ReportColumn(header: context(.session), width: summaryWidths[0].width),
                 ReportColumn(header: context(.coverage), width: summaryWidths[1].width)], row: r)
            r += 1
            for session in sessions {
                try writer.row([.text(context.sessionLabel(session.id)), .percent(context.metrics(session).keywordCoverage)], row: r)
                r += 1
            }
        }
    }
}

/// Chart colours (a calm, colour-blind-friendly palette).
enum ReportPalette {
    static let colors: [UInt32] = [
        0x4472C4, 0xED7D31, 0xA5A5A5, 0xFFC000, 0x5B9BD5, 0x70AD47, 0x264478, 0x9E480E, 0x636363, 0x997300, 0x255E91, 0x43682B,
    ]

    /// The colour of series `index`.
    static func series(_ index: Int) -> UInt32 { colors[index % colors.count] }
}
