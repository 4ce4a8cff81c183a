import WerksessiesModel

/// One input file to read, optionally naming the sheet (xlsx).
public struct InputSpec: Sendable, Hashable {
    public var path: String
    public var sheet: String?

    public init(path: String, sheet: String? = nil) {
        self.path = path
        self.sheet = sheet
    }
}

/// Options of the Ingest stage (from the config).
public struct IngestOptions: Sendable {
    /// Extra header aliases per canonical field (`email`, `first_name`, …), from the config's `columns:`.
    public var columnAliases: [String: [String]]
    /// Status values (folded) that mean "cancelled", in addition to the built-in ones.
    public var cancelledValues: [String]
    /// Status values (folded) that mean "confirmed / notified" (pins), in addition to the built-in ones.
    public var confirmedValues: [String]

    public init(columnAliases: [String: [String]] = [:], cancelledValues: [String] = [], confirmedValues: [String] = []) {
        self.columnAliases = columnAliases
        self.cancelledValues = cancelledValues
        self.confirmedValues = confirmedValues
    }
}

/// A file that cannot be read at all: the run stops with one line naming the file.
public struct IngestError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}

/// The Ingest stage: reads every input file, maps headers, validates rows, merges duplicates.
public enum Ingest {
    /// Reads and merges all inputs. Throws `IngestError` for a file that cannot be read.
    public static func run(_ inputs: [InputSpec], options: IngestOptions = IngestOptions()) throws -> IngestResult {
        // Walking-skeleton stub; replaced by the real readers.
        IngestResult(registrations: [], diagnostics: [], counts: IngestCounts(), files: [])
    }
}
