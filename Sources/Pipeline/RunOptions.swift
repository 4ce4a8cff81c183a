import Foundation
import Rules
import WerksessiesModel

/// Command-line overrides and options of one run.
public struct RunOptions: Sendable {
    public var inputs: [String]?
    public var output: String?
    public var state: String?
    public var exportLP: String?
    public var capacityScale: CapacityScale
    public var allowShrink: Bool
    /// The run's clock reading (an edge value: tests pass a fixed date).
    public var now: Date
    /// Leave the run's data in memory when `run()` returns, for a process that exits right after: freeing a
    /// million participants one object at a time only delays the exit (the operating system frees it all).
    public var keepDataAtExit = false
    /// Lets a signal handler stop the run cleanly (see `RunControl`).
    public var control: RunControl?

    public init(
        inputs: [String]? = nil, output: String? = nil, state: String? = nil, exportLP: String? = nil,
        capacityScale: CapacityScale = .none, allowShrink: Bool = false, now: Date = Date()
    ) {
        self.inputs = inputs
        self.output = output
        self.state = state
        self.exportLP = exportLP
        self.capacityScale = capacityScale
        self.allowShrink = allowShrink
        self.now = now
    }
}

/// What a published run produced.
public struct RunOutcome: Sendable {
    public var runID: String
    public var runFolder: String
    public var manifest: RunManifest
    public var files: [String]
}

/// The program version recorded in run manifests.
public enum Version {
    public static let current = "0.1.0"
}
