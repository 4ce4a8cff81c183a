import Foundation

/// A change since the previous run, for `changes.csv` and the board's "Wijzigingen" sheet.
public struct Change: Sendable, Hashable, Codable {
    /// The kinds of change.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case new, moved, cancelled, waitlisted, promoted, disappeared
    }

    public var participantID: String
    public var email: String
    public var kind: Kind
    public var fromSession: Int?
    public var toSession: Int?
    public var reason: String

    public init(participantID: String, email: String, kind: Kind, fromSession: Int?, toSession: Int?, reason: String = "") {
        self.participantID = participantID
        self.email = email
        self.kind = kind
        self.fromSession = fromSession
        self.toSession = toSession
        self.reason = reason
    }
}

/// Counts of a run; `rowsRead = rejected + duplicatesMerged + registrants` and
/// `registrants + carriedOver = cancelled + assigned + waitlisted` (the rows of `assignments.csv`).
public struct RunCounts: Sendable, Hashable, Codable {
    public var rowsRead: Int
    public var rejected: Int
    public var duplicatesMerged: Int
    public var registrants: Int
    public var cancelled: Int
    public var assigned: Int
    public var waitlisted: Int
    /// Registrants seen in earlier runs that are missing from tonight's inputs (kept, not cancelled).
    public var carriedOver: Int

    public init(
        rowsRead: Int = 0, rejected: Int = 0, duplicatesMerged: Int = 0, registrants: Int = 0,
        cancelled: Int = 0, assigned: Int = 0, waitlisted: Int = 0, carriedOver: Int = 0
    ) {
        self.rowsRead = rowsRead
        self.rejected = rejected
        self.duplicatesMerged = duplicatesMerged
        self.registrants = registrants
        self.cancelled = cancelled
        self.assigned = assigned
        self.waitlisted = waitlisted
        self.carriedOver = carriedOver
    }
}

/// A summary of an earlier run, for trends in the board workbook.
public struct RunSummary: Sendable, Hashable, Codable {
    public var runID: String
    public var startedAt: Date
    public var registrants: Int
    public var assigned: Int
    public var waitlisted: Int
    /// Mean Shannon diversity over sessions.
    public var meanShannon: Double
    public var objective: Int
    /// This run's trend row as its own board showed it (a later board's trend shows exactly that); nil for a run
    /// recorded before the state kept it.
    public var board: BoardTrendRow?
    /// This run's board family mix as shown (empty for a run recorded before the state kept it; read for the
    /// latest run only).
    public var boardMix: [BoardMixCell]

    public init(
        runID: String, startedAt: Date, registrants: Int, assigned: Int, waitlisted: Int, meanShannon: Double, objective: Int,
        board: BoardTrendRow? = nil, boardMix: [BoardMixCell] = []
    ) {
        self.runID = runID
        self.startedAt = startedAt
        self.registrants = registrants
        self.assigned = assigned
        self.waitlisted = waitlisted
        self.meanShannon = meanShannon
        self.objective = objective
        self.board = board
        self.boardMix = boardMix
    }
}

/// The run manifest, `run.json`.
public struct RunManifest: Sendable, Hashable, Codable {
    public var runID: String
    public var startedAt: Date
    public var inputs: [InputFileSummary]
    public var configSHA256: String
    public var counts: RunCounts
    public var objective: Int
    /// Stage name → seconds.
    public var stageSeconds: [String: Double]
    public var versions: [String: String]
    /// The corrections file and what of it was applied tonight (absent in manifests of older versions).
    public var corrections: CorrectionCounts?
    /// The assignment beside a lottery, first come first served and the interest-only optimum.
    public var baselines: BaselineComparison?

    public init(
        runID: String, startedAt: Date, inputs: [InputFileSummary], configSHA256: String, counts: RunCounts,
        objective: Int, stageSeconds: [String: Double], versions: [String: String], corrections: CorrectionCounts? = nil,
        baselines: BaselineComparison? = nil
    ) {
        self.runID = runID
        self.startedAt = startedAt
        self.inputs = inputs
        self.configSHA256 = configSHA256
        self.counts = counts
        self.objective = objective
        self.stageSeconds = stageSeconds
        self.versions = versions
        self.corrections = corrections
        self.baselines = baselines
    }
}

/// What a run did with the corrections file.
public struct CorrectionCounts: Sendable, Hashable, Codable {
    /// The corrections file (as configured).
    public var file: String
    /// Its SHA-256 (empty when there is no file).
    public var sha256: String
    /// Corrections applied (each a `corrected` row in data_quality.csv).
    public var applied: Int
    /// Corrections not applied (each a warning naming its row).
    public var warnings: Int

    public init(file: String, sha256: String, applied: Int, warnings: Int) {
        self.file = file
        self.sha256 = sha256
        self.applied = applied
        self.warnings = warnings
    }
}

/// The board's figures of one way to assign the night's participants.
public struct AssignmentFigures: Sendable, Hashable, Codable {
    /// Share of the participants who gave interests that got a session holding one of them (the waitlisted count as none).
    public var shareWithMatch: Double
    /// Mean over the sessions that hold participants of their Gini-Simpson over disciplines.
    public var meanGiniSimpson: Double
    /// The lowest of those sessions' Gini-Simpson.
    public var lowestGiniSimpson: Double
    /// Share of the assigned who are outside their comfort zone.
    public var outsideComfortZoneShare: Double
    /// Mean over the sessions that hold participants of their Rao-Stirling.
    public var meanRaoStirling: Double
    /// Waitlisted participants (for the lottery the mean over its draws).
    public var waitlisted: Double

    public init(
        shareWithMatch: Double, meanGiniSimpson: Double, lowestGiniSimpson: Double, outsideComfortZoneShare: Double,
        meanRaoStirling: Double, waitlisted: Double
    ) {
        self.shareWithMatch = shareWithMatch
        self.meanGiniSimpson = meanGiniSimpson
        self.lowestGiniSimpson = lowestGiniSimpson
        self.outsideComfortZoneShare = outsideComfortZoneShare
        self.meanRaoStirling = meanRaoStirling
        self.waitlisted = waitlisted
    }
}

/// The assignment beside what a lottery, first come first served and the interest-only optimum make of the
/// same participants, capacities, eligibility and pins (issue 17).
public struct BaselineComparison: Sendable, Hashable, Codable {
    public var assignment: AssignmentFigures
    /// The mean of each figure over the lottery's draws.
    public var lotteryMean: AssignmentFigures
    /// Per figure the least favourable value among the draws (lowest share or diversity, most waitlisted).
    public var lotteryWorst: AssignmentFigures
    /// In registration order each takes the first session with a matching interest and room.
    public var firstComeFirstServed: AssignmentFigures
    /// The exact optimum of the interest fit alone (no challenge, diversity or stability).
    public var interestOnly: AssignmentFigures
    public var lotteryDraws: Int
    public var lotterySeed: UInt64
    /// Participants the assignment placed in a session whose rules they do not meet (pins excepted): 0.
    public var ineligibleAssigned: Int

    public init(
        assignment: AssignmentFigures, lotteryMean: AssignmentFigures, lotteryWorst: AssignmentFigures,
        firstComeFirstServed: AssignmentFigures, interestOnly: AssignmentFigures, lotteryDraws: Int, lotterySeed: UInt64,
        ineligibleAssigned: Int
    ) {
        self.assignment = assignment
        self.lotteryMean = lotteryMean
        self.lotteryWorst = lotteryWorst
        self.firstComeFirstServed = firstComeFirstServed
        self.interestOnly = interestOnly
        self.lotteryDraws = lotteryDraws
        self.lotterySeed = lotterySeed
        self.ineligibleAssigned = ineligibleAssigned
    }
}

/// Report options from the config.
public struct ReportOptions: Sendable, Hashable, Codable {
    /// The CSV dialects analysts can choose.
    public enum CSVDialect: String, Sendable, Hashable, Codable {
        /// UTF-8, `,`, CRLF.
        case standard
        /// UTF-8 with BOM, `;`, CRLF (Dutch Excel).
        case excelNL = "excel-nl"
    }

    public enum Language: String, Sendable, Hashable, Codable {
        case nl, en
    }

    /// What partner workbooks show of a participant who gave no consent (`partners.without_consent`).
    public enum PartnerListing: String, Sendable, Hashable, Codable {
        /// Not a row at all: counted in the session's totals, mix and interests only.
        case aggregate
        /// A row with the name only (an organiser with another legal basis).
        case nameOnly = "name_only"
    }

    public var csvDialect: CSVDialect
    public var language: Language
    /// Counts below this show as "<N" in the board workbook.
    public var smallCellThreshold: Int
    public var eventName: String
    /// Participants without consent in partner workbooks.
    public var partnersWithoutConsent: PartnerListing
    /// Whether "i.s.m." partners receive the participant lists (`partners.include_ism`).
    public var partnersIncludeISM: Bool
    /// The contact line on the partner workbooks' cover (`reports.contact`), e.g. a name and an address.
    public var contact: String?
    /// The workbooks' author property (`reports.author`); nil: "werksessies".
    public var author: String?
    /// The workbooks' company property (`reports.company`), the organiser; nil: none.
    public var company: String?

    public init(
        csvDialect: CSVDialect = .standard, language: Language = .nl, smallCellThreshold: Int = 5, eventName: String = "Werksessies",
        partnersWithoutConsent: PartnerListing = .aggregate, partnersIncludeISM: Bool = true, contact: String? = nil,
        author: String? = nil, company: String? = nil
    ) {
        self.contact = contact
        self.author = author
        self.company = company
        self.csvDialect = csvDialect
        self.language = language
        self.smallCellThreshold = smallCellThreshold
        self.eventName = eventName
        self.partnersWithoutConsent = partnersWithoutConsent
        self.partnersIncludeISM = partnersIncludeISM
    }
}

/// Everything the Reports stage needs: plain values, no files.
public struct ReportBundle: Sendable {
    public var catalog: Catalog
    public var taxonomy: Taxonomy
    /// All unique registrants, cancelled ones included.
    public var participants: [Participant]
    public var assignment: Assignment
    public var metrics: RunMetrics
    public var diagnostics: [Diagnostic]
    public var changes: [Change]
    /// Whom to tell what (`notifications.csv`): the messages are made while that file is written, one at a time.
    public var notificationScope: NotificationScope
    public var manifest: RunManifest
    /// Earlier runs, oldest first, for trends.
    public var history: [RunSummary]
    public var options: ReportOptions

    public init(
        catalog: Catalog, taxonomy: Taxonomy, participants: [Participant], assignment: Assignment,
        metrics: RunMetrics, diagnostics: [Diagnostic], changes: [Change], manifest: RunManifest,
        history: [RunSummary], options: ReportOptions, notificationScope: NotificationScope = NotificationScope()
    ) {
        self.catalog = catalog
        self.taxonomy = taxonomy
        self.participants = participants
        self.assignment = assignment
        self.metrics = metrics
        self.diagnostics = diagnostics
        self.changes = changes
        self.notificationScope = notificationScope
        self.manifest = manifest
        self.history = history
        self.options = options
    }
}
