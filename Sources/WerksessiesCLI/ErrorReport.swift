import Assign
import Configuration
import Foundation
import Ingest
import LibXLSXWriter
import Pipeline
import Publishing
import Rules
import Sample
import State
import SystemCalls
import WerksessiesModel

/// The documented exit statuses (README, "Exit status").
public enum ExitStatus: Int32, Sendable {
    case published = 0
    /// Config, catalog or taxonomy unusable, or bad command-line values.
    case configuration = 2
    /// An input file cannot be read.
    case input = 3
    /// The constraints cannot be met.
    case infeasible = 4
    /// A guard stopped the run.
    case guardStop = 5
    /// Another run holds the lock.
    case locked = 6
    /// Publishing, the state database or the output folder failed (and anything unforeseen).
    case publishing = 7
}

/// A bad command-line value or usage (ArgumentParser's messages included).
public struct CommandLineError: Error, CustomStringConvertible {
    public let description: String

    init(_ message: String) {
        description = message
    }
}

/// The one place where an error becomes an exit status and a line on stderr.
public enum ErrorReport {
    /// Writes `werksessies: <message>` (one line, escaped) to stderr and returns the exit status.
    static func fail(_ error: any Error) -> Int32 {
        let (status, message) = classify(error)
        FileHandle.standardError.write(Data(line(message).utf8))
        return status.rawValue
    }

    /// The exit status and the message for any error.
    public static func classify(_ error: any Error) -> (ExitStatus, String) {
        switch error {
        case let error as CommandLineError: (.configuration, error.description)
        case let error as ConfigurationError: (.configuration, error.description)
        case let error as IngestError: (.input, error.description)
        case let error as PipelineError: (status(of: error.kind), error.description)
        case let error as RulesError: (error.isGuard ? .guardStop : .configuration, error.description)
        case let error as AssignError: assignment(error)
        case let error as PublishingError: (error.kind == .locked ? .locked : .publishing, error.description)
        case let error as StateError: (.publishing, error.description)
        case let error as SystemError: (.publishing, error.description)
        case let error as XLSXWriterError: (.publishing, error.description)
        case let error as SampleError: (error.kind == .fileType ? .configuration : .publishing, error.description)
        case let error as CocoaError: (.publishing, describe(error))
        default: (.publishing, "\(error)")
        }
    }

    static func status(of kind: PipelineError.Kind) -> ExitStatus {
        switch kind {
        case .usage: .configuration
        case .input: .input
        case .reports, .state: .publishing
        }
    }

    /// Weights or a catalog the solver cannot use are config errors; the rest is infeasibility.
    static func assignment(_ error: AssignError) -> (ExitStatus, String) {
        switch error.code {
        case "invalid_weights", "duplicate_session": (.configuration, "assignment: \(error.message)")
        default: (.infeasible, "assignment infeasible: \(error.message)")
        }
    }

    /// A Foundation file error as `<path>: <reason>`.
    static func describe(_ error: CocoaError) -> String {
        let reason = (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
        return error.filePath.map { "\($0): \(reason)" } ?? reason
    }

    /// `werksessies: <message>` and a line feed, the message on one line.
    public static func line(_ message: String) -> String {
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        return "werksessies: " + OneLine.escape(trimmed.isEmpty ? "failed without a message" : trimmed) + "\n"
    }
}
