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

    /// What the reports of a run were: the relative paths written, in a fixed order, and tonight's trend row as
    /// the board showed it (for the state: later boards show exactly that).
    public struct Written: Sendable {
        public var files: [String]
        public var boardTrend: BoardTrendRow
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
        // Made once for data_quality.csv and data_quality.xlsx.
        let qualityRows = dataQualityRows(context)

        enum Job: Sendable {
            case csv(String)
            case board
            case dataQuality
            case partner(Int)
        }
        let csvNames = ["assignments.csv", "session_metrics.csv", "keyword_coverage.csv", "data_quality.csv", "changes.csv", "notifications.csv"]
        let unordered: [Job] = csvNames.map { .csv($0) } + [.board, .dataQuality] + organisations.indices.map { .partner($0) }
        let paths = unordered.map { job -> String in
            switch job {
            case .csv(let name): name
            case .board: "board.xlsx"
            case .dataQuality: "data_quality.xlsx"
            case .partner(let i): "partners/\(partnerNames[i]).xlsx"
            }
        }
        // Biggest first, so that two threads finish together.
        func weight(_ job: Job) -> Int {
            switch job {
            case .csv("assignments.csv"): bundle.participants.count / 4
            case .csv("notifications.csv"): (bundle.notificationScope.firstNight ? bundle.participants.count : bundle.changes.count) / 4
            case .csv("data_quality.csv"): qualityRows.count / 4
            case .csv: 1
            case .board: 1
            case .dataQuality: qualityRows.count
            case .partner(let i): PartnerSelection.sessions(of: organisations[i].id, in: bundle.catalog, bundle.options).reduce(0) { $0 + (rows[$1.id]?.rowCount ?? 0) }
            }
        }
        let order = unordered.indices.sorted { (weight(unordered[$0]), -$0) > (weight(unordered[$1]), -$1) }
        let jobs = order.map { unordered[$0] }
        let orderedPaths = order.map { paths[$0] }

        let boardTrend = IndexedResults<BoardTrendRow>(count: 1)
        @Sendable func run(_ k: Int) throws {
            let url = directory.appendingPathComponent(orderedPaths[k])
            switch jobs[k] {
            case .csv(let name):
                var csv = try CSVWriter(dialect: bundle.options.csvDialect, streamingTo: url)
                switch name {
                case "assignments.csv": assignmentsCSV(context, into: &csv)
                case "session_metrics.csv": sessionMetricsCSV(context, into: &csv)
                case "keyword_coverage.csv": keywordCoverageCSV(context, into: &csv)
                case "data_quality.csv": dataQualityCSV(qualityRows, into: &csv)
                case "notifications.csv": notificationsCSV(context, into: &csv)
                default: changesCSV(context, into: &csv)
                }
                try csv.finish()
            case .board:
                boardTrend.set(0, try writeBoardWorkbook(context, path: url.path))
            case .dataQuality:
                try writeDataQualityWorkbook(
                    context, rows: qualityRows, path: url.path, constantMemoryRows: settings.constantMemoryRows)
            case .partner(let i):
                try writePartnerWorkbook(
                    context, organisation: organisations[i], rows: rows, path: url.path, settings: settings)
            }
        }

        if settings.parallel {
            let failures = FailureBox()
            let jobCount = jobs.count
            DispatchQueue.concurrentPerform(iterations: jobCount) { k in
                do { try run(k) } catch { failures.record(k, error) }
            }
            if let error = failures.first { throw error }
        } else {
            for k in jobs.indices { try run(k) }
        }
        return Written(files: paths, boardTrend: boardTrend.value(0) ?? .unrecorded)
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

