import Dispatch
import Foundation
import WerksessiesModel

/// The Reports stage: writes every report of a run into a folder.
public enum Reports {
    /// How the files are written (not what is in them).
    public struct Settings: Sendable, Hashable {
        /// Partner workbooks with at least this many participant rows use libxlsxwriter's constant-memory mode.
        public var constantMemoryRows: Int
        /// Write files on several threads (each file is still written by one thread).
        public var parallel: Bool
        /// A session's e-mail addresses are `mailto:` links when it lists at most this many people (a longer
        /// list is used as a file, not clicked; Excel allows 65,530 links a sheet).
        public var linksPerSheet: Int
        /// A session gets a printable attendance list when it lists at most this many people.
        public var attendanceRows: Int

        /// Creates settings.
        public init(constantMemoryRows: Int = 50_000, parallel: Bool = true, linksPerSheet: Int = 5_000, attendanceRows: Int = 2_000) {
            self.constantMemoryRows = constantMemoryRows
            self.parallel = parallel
            self.linksPerSheet = linksPerSheet
            self.attendanceRows = attendanceRows
        }
    }

    /// Writes all CSVs and workbooks of the bundle into `directory` (which must exist); returns the relative paths written.
    public static func writeAll(_ bundle: ReportBundle, to directory: URL) throws -> [String] {
        try writeAll(bundle, to: directory, settings: Settings())
    }

    /// Writes all reports with explicit settings; returns the relative paths written, in a fixed order.
    public static func writeAll(_ unsafeBundle: ReportBundle, to directory: URL, settings: Settings) throws -> [String] {
        try write(unsafeBundle, to: directory, settings: settings).files
    }

    /// What the reports of a run were: the relative paths written, in a fixed order, and what the board showed of
    /// tonight's trend row and family mix (for the state: later boards respect exactly that).
    public struct Written: Sendable {
        public var files: [String]
        public var boardTrend: BoardTrendRow
        public var boardMix: [BoardMixCell]
    }

    /// Writes all reports; returns what was written (`Written`).
    public static func write(_ unsafeBundle: ReportBundle, to directory: URL, settings: Settings = Settings()) throws -> Written {
        let bundle = unsafeBundle.xmlSafe()
        let context = ReportContext(bundle)
        let organisations = PartnerSelection.recipients(bundle.catalog, bundle.options)
        let partnerNames = partnerFileNames(organisations.map(\.id))
        if !organisations.isEmpty {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("partners"), withIntermediateDirectories: true)
        }
        let rows = partnerRows(context, linkLimit: settings.linksPerSheet, parallel: settings.parallel)
        let jobs = ReportJob.all(partners: organisations.count)
        @Sendable func url(_ file: String) -> URL { directory.appendingPathComponent(file) }
        // Biggest first, so that two threads finish together (each job's weight computed once).
        let weights = jobs.map { job -> Int in
            switch job {
            case .csv(.assignments): bundle.participants.count / 4
            case .csv(.notifications): (bundle.notificationScope.firstNight ? bundle.participants.count : bundle.changes.count) / 4
            case .csv, .board: 1
            case .dataQuality: bundle.diagnostics.count + bundle.assignment.diagnostics.count
            case .partner(let i): PartnerSelection.sessions(of: organisations[i].id, in: bundle.catalog, bundle.options).reduce(0) { $0 + (rows[$1.id]?.rowCount ?? 0) }
            }
        }
        let order = jobs.indices.sorted { (weights[$0], -$0) > (weights[$1], -$1) }.map { jobs[$0] }

        let board = IndexedResults<BoardShown>(count: 1)
        @Sendable func run(_ k: Int) throws {
            switch order[k] {
            case .csv(let file):
                var csv = try CSVWriter(dialect: bundle.options.csvDialect, streamingTo: url(file.rawValue))
                switch file {
                case .assignments: assignmentsCSV(context, into: &csv)
                case .sessionMetrics: sessionMetricsCSV(context, into: &csv)
                case .keywordCoverage: keywordCoverageCSV(context, into: &csv)
                case .changes: changesCSV(context, into: &csv)
                case .notifications: notificationsCSV(context, into: &csv)
                }
                try csv.finish()
            case .board:
                board.set(0, try writeBoardWorkbook(context, path: url(ReportJob.boardFile).path))
            case .dataQuality:
                // The rows are made here, on a writer thread, for both files.
                let qualityRows = dataQualityRows(context)
                var csv = try CSVWriter(dialect: bundle.options.csvDialect, streamingTo: url(ReportJob.dataQualityCSV))
                dataQualityCSV(qualityRows, into: &csv)
                try csv.finish()
                try writeDataQualityWorkbook(
                    context, rows: qualityRows, path: url(ReportJob.dataQualityWorkbook).path,
                    constantMemoryRows: settings.constantMemoryRows)
            case .partner(let i):
                try writePartnerWorkbook(
                    context, organisation: organisations[i], rows: rows, path: url(ReportJob.partnerFile(partnerNames[i])).path,
                    settings: settings)
            }
        }

        if settings.parallel {
            let failures = FailureBox()
            DispatchQueue.concurrentPerform(iterations: order.count) { k in
                do { try run(k) } catch { failures.record(k, error) }
            }
            if let error = failures.first { throw error }
        } else {
            for k in order.indices { try run(k) }
        }
        let shown = board.value(0)
        return Written(files: jobs.flatMap { $0.files(partnerNames: partnerNames) }, boardTrend: shown?.trend ?? .unrecorded, boardMix: shown?.mix ?? [])
    }

    /// File names for partner ids: folded to `[A-Za-z0-9_-]`, never empty, unique (a `-2` suffix on clashes).
    public static func partnerFileNames(_ ids: [String]) -> [String] {
        var used = Set<String>()
        return ids.map { id in
            let folded = id.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
            var safe = String(String.UnicodeScalarView(folded.unicodeScalars.map { scalar in
                switch scalar {
                case "A"..."Z", "a"..."z", "0"..."9", "_", "-": scalar
                default: "_"
                }
            }))
            while safe.hasPrefix("-") { safe.removeFirst() }
            if safe.isEmpty || safe.allSatisfy({ $0 == "_" }) { safe = "partner" }
            safe = String(safe.prefix(80))
            var candidate = safe
            var counter = 2
            while !used.insert(candidate.lowercased()).inserted {
                candidate = "\(safe)-\(counter)"
                counter += 1
            }
            return candidate
        }
    }
}

/// One writer thread's piece of work: a CSV, a workbook, or the data-quality CSV and workbook together.
enum ReportJob: Sendable {
    /// The CSVs written from the context alone.
    enum CSVFile: String, Sendable, CaseIterable {
        case assignments = "assignments.csv", sessionMetrics = "session_metrics.csv"
        case keywordCoverage = "keyword_coverage.csv", changes = "changes.csv", notifications = "notifications.csv"
    }

    case csv(CSVFile)
    case board
    case dataQuality
    case partner(Int)

    /// Every job of a run, in the order `writeAll` lists their files.
    static func all(partners: Int) -> [ReportJob] {
        CSVFile.allCases.map { .csv($0) } + [.dataQuality, .board] + (0..<partners).map { .partner($0) }
    }

    static let boardFile = "board.xlsx"
    static let dataQualityCSV = "data_quality.csv"
    static let dataQualityWorkbook = "data_quality.xlsx"
    static func partnerFile(_ name: String) -> String { "partners/\(name).xlsx" }

    /// The files the job writes (relative paths), given the partners' file names.
    func files(partnerNames: [String]) -> [String] {
        switch self {
        case .csv(let file): [file.rawValue]
        case .board: [Self.boardFile]
        case .dataQuality: [Self.dataQualityCSV, Self.dataQualityWorkbook]
        case .partner(let i): [Self.partnerFile(partnerNames[i])]
        }
    }
}

/// Collects the failures of parallel jobs; the one of the lowest job index wins (deterministic).
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [(Int, any Error)] = []

    func record(_ index: Int, _ error: any Error) {
        lock.lock()
        failures.append((index, error))
        lock.unlock()
    }

    var first: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return failures.min { $0.0 < $1.0 }?.1
    }
}

