import Dispatch
import Foundation
import LibXLSXWriter
import WerksessiesModel

/// The columns of a session's participant sheet (the mandate column only where the session requires one).
struct PartnerSheetLayout {
    /// The columns, in order.
    let columns: [ReportColumn]
    /// Columns whose text wraps.
    let wrapped: Set<Int>
    /// The e-mail column.
    let email: Int

    init(_ c: ReportContext, session: Session) {
        var columns = [
            ReportColumn(header: c(.name), width: 24), ReportColumn(header: c(.organisation), width: 26),
            ReportColumn(header: c(.role), width: 22), ReportColumn(header: c(.discipline), width: 20),
            ReportColumn(header: c(.interests), width: 36), ReportColumn(header: c(.matchedKeywords), width: 28),
            ReportColumn(header: c(.outsideComfortZone), width: 12),
        ]
        if session.requiresMandate { columns.append(ReportColumn(header: c(.mandate), width: 10)) }
        columns += [
            ReportColumn(header: c(.newSinceLastList), width: 11), ReportColumn(header: c(.placementNote), width: 34),
            ReportColumn(header: c(.email), width: 40),
        ]
        self.columns = columns
        wrapped = [1, 2, 3, 4, 5, columns.count - 2]
        email = columns.count - 1
    }

    /// The wrapped columns in order (organisation, role, discipline, interests, matched keywords, placement note).
    var wrappedOrder: [Int] { wrapped.sorted() }
}

extension Session {
    /// True when only participants with a mandate may take part.
    var requiresMandate: Bool { eligibility.contains { $0.kind == .requiresMandate } }
}

extension Reports {
    /// The participant lines of every session (shared by all partners of the session), sessions in parallel.
    /// Addresses are `mailto:` links when the session lists at most `linkLimit` people (Excel allows 65,530 a sheet).
    static func partnerRows(_ context: ReportContext, linkLimit: Int = Settings().linksPerSheet, parallel: Bool = true) -> [Int: TextRows] {
        let sessions = context.bundle.catalog.sessions
        let results = IndexedResults<TextRows>(count: sessions.count)
        let work: @Sendable (Int) -> Void = { i in results.set(i, partnerRows(context, session: sessions[i], linkLimit: linkLimit)) }
        if parallel {
            DispatchQueue.concurrentPerform(iterations: sessions.count, execute: work)
        } else {
            for i in sessions.indices { work(i) }
        }
        var out: [Int: TextRows] = [:]
        for (i, session) in sessions.enumerated() {
            out[session.id] = results.value(i) ?? TextRows(columns: PartnerSheetLayout(context, session: session).columns.count)
        }
        return out
    }

    private static func partnerRows(_ context: ReportContext, session: Session, linkLimit: Int) -> TextRows {
        let participants = context.bundle.participants
        let placements = context.bundle.assignment.placements
        let indices = context.members[session.id] ?? []
        let layout = PartnerSheetLayout(context, session: session)
        let options = context.bundle.options
        let listed = indices.filter { PartnerSelection.listing(participants[$0], options) != .notListed }
        let links = listed.count <= min(linkLimit, 65_530)
        let arrivals = context.arrivals[session.id] ?? []
        let (yes, no, noConsent) = (context(.yes), context(.no), context(.noConsent))
        let labels = context.keywordLabels
        func keywords(_ ids: [String]) -> String {
            var text = ""
            for (i, id) in ids.enumerated() {
                if i > 0 { text += ", " }
                text += labels[id] ?? id
            }
            return text
        }
        var rows = TextRows(columns: layout.columns.count)
        rows.reserve(rows: listed.count, bytesPerRow: 200)
        for index in listed {
            let participant = participants[index]
            if PartnerSelection.listing(participant, options) == .nameOnly {
                rows.appendCell(participant.name)
                for _ in 1..<layout.email { rows.appendCell("") }
                rows.appendCell(noConsent)
                rows.endRow()
                continue
            }
            let p = context.placementIndex[index]
            let interests = keywords(participant.interests)
            let discipline = context.disciplineLabel(participant.discipline)
            let matched = p >= 0 ? keywords(placements[p].matchedKeywords) : ""
            let note = p >= 0 && placements[p].reason != .bestFit ? placements[p].explanation : ""
            var lines = 1
            for (column, text) in zip(layout.wrappedOrder, [participant.organisation, participant.role, discipline, interests, matched, note]) {
                lines = max(lines, TableWriter.lines(text, width: layout.columns[column].width))
            }
            rows.appendCell(participant.name)
            rows.appendCell(participant.organisation)
            rows.appendCell(participant.role)
            rows.appendCell(discipline)
            rows.appendCell(interests)
            rows.appendCell(matched)
            rows.appendCell(p >= 0 && placements[p].outsideComfortZone ? yes : no)
            if session.requiresMandate { rows.appendCell(participant.mandate ? yes : no) }
            rows.appendCell(arrivals.contains(participant.id) ? yes : "")
            rows.appendCell(note)
            if links {
                rows.appendLink(participant.email, url: "mailto:" + participant.email)
            } else {
                rows.appendCell(participant.email)
            }
            rows.endRow(height: lines > 1 ? 15 * Double(min(lines, 8)) : 0)
        }
        return rows
    }
}
