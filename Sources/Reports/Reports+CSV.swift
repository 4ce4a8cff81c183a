import Foundation
import WerksessiesModel

/// The analysts' CSVs (docs/csv-columns.md): exact counts, contract columns, deterministic bytes.
extension Reports {
    /// Contract columns of `assignments.csv`.
    public static let assignmentColumns = [
        "participant_id", "email", "name", "organisation", "discipline", "discipline_family", "interests",
        "mandate", "consent", "status", "session", "matched_keywords", "outside_comfort_zone",
    ]
    /// Contract columns of `session_metrics.csv`, followed by the extra columns.
    public static let sessionMetricColumns = [
        "session", "title", "capacity", "participants", "disciplines", "shannon", "evenness", "gini_simpson",
        "rao_stirling", "max_family_share", "organisations", "keyword_coverage", "mean_matched_keywords",
        "share_with_match", "outside_comfort_zone_share",
        "inverse_simpson", "rao_stirling_effective", "unknown_discipline", "max_organisation_share",
    ]
    /// Contract columns of `keyword_coverage.csv`.
    public static let keywordCoverageColumns = ["session", "keyword", "label", "interested_participants"]
    /// Contract columns of `data_quality.csv`.
    public static let dataQualityColumns = [
        "file", "sheet", "row", "column", "severity", "code", "message", "value", "participant_id", "email", "advice",
    ]
    /// Columns of `changes.csv`.
    public static let changeColumns = ["participant_id", "email", "change", "from_session", "to_session", "reason"]

    private static func int(_ value: Int?) -> CSVField { .number(value.map(String.init) ?? "") }
    private static func real(_ value: Double) -> CSVField { .decimal(value) }

    static func assignmentsCSV(_ context: ReportContext, into csv: inout CSVWriter) {
        let participants = context.bundle.participants
        csv.header(assignmentColumns)
        let placements = context.bundle.assignment.placements
        for (index, participant) in participants.enumerated() {
            let (status, p) = context.status(of: index)
            let assigned = status == "assigned"
            csv.field(participant.id)
            csv.field(participant.email)
            csv.field(participant.name)
            csv.field(participant.organisation)
            csv.field(participant.discipline ?? "")
            csv.field(participant.family ?? "")
            csv.field(participant.interests.joined(separator: "|"))
            csv.field(number: String(participant.mandate))
            csv.field(number: String(participant.consent))
            csv.field(status)
            if assigned {
                csv.field(number: placements[p].session.map(String.init) ?? "")
                csv.field(placements[p].matchedKeywords.joined(separator: "|"))
                csv.field(number: String(placements[p].outsideComfortZone))
            } else {
                csv.field(number: "")
                csv.field("")
                csv.field(number: "")
            }
            csv.endRow()
        }
    }

    static func sessionMetricsCSV(_ context: ReportContext, into csv: inout CSVWriter) {
        csv.header(sessionMetricColumns)
        for session in context.bundle.catalog.sessions {
            let m = context.metrics(session)
            csv.row([
                int(session.id), .text(session.title), int(m.capacity), int(m.participants), int(m.disciplines),
                real(m.shannon), real(m.evenness), real(m.giniSimpson), real(m.raoStirling), real(m.maxFamilyShare),
                int(m.organisations), real(m.keywordCoverage), real(m.meanMatchedKeywords), real(m.shareWithMatch),
                real(m.outsideComfortZoneShare),
                real(m.inverseSimpson), real(m.raoStirlingEffective), int(m.unknownDiscipline), real(m.maxOrganisationShare),
            ])
        }
    }

    static func keywordCoverageCSV(_ context: ReportContext, into csv: inout CSVWriter) {
        csv.header(keywordCoverageColumns)
        for session in context.bundle.catalog.sessions {
            for keyword in context.keywordDepth(session) {
                csv.row([int(session.id), .text(keyword.id), .text(keyword.label), int(keyword.count)])
            }
        }
    }

    /// The run's diagnostics: the bundle's, then any of the assignment's not already listed.
    static func allDiagnostics(_ bundle: ReportBundle) -> [Diagnostic] {
        var seen = Set(bundle.diagnostics)
        var all = bundle.diagnostics
        for diagnostic in bundle.assignment.diagnostics where seen.insert(diagnostic).inserted {
            all.append(diagnostic)
        }
        return all
    }

    static func changesCSV(_ context: ReportContext, into csv: inout CSVWriter) {
        csv.header(changeColumns)
        for change in context.bundle.changes {
            csv.row([
                .text(change.participantID), .text(change.email), .text(change.kind.rawValue),
                int(change.fromSession), int(change.toSession), .text(change.reason),
            ])
        }
    }
}
