import Foundation
import GRDB

/// Where a recorded run stands: committed while its reports are switched into place, or published.
public enum RunStatus: String, Sendable {
    /// Recorded, its folder in `runs/`, `latest` not yet (known to be) switched to it.
    case publishing
    /// Recorded and published.
    case published
}

extension StateStore {
    /// The sequence number the next recorded run gets (1 for the first): run identity and "the previous
    /// run" follow this order, never the clock.
    public func nextSequence() throws -> Int {
        try wrap { try queue.read { db in (try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM run") ?? 0) + 1 } }
    }

    /// The ids of the recorded runs with `status`, in recording order.
    public func runIDs(status: RunStatus) throws -> [String] {
        try wrap {
            try queue.read { db in
                try String.fetchAll(
                    db, sql: "SELECT id FROM run WHERE status = ? ORDER BY seq, rowid", arguments: [status.rawValue])
            }
        }
    }

    /// Marks a run that was committed as `.publishing` as published.
    public func markPublished(runID: String) throws {
        try wrap {
            try queue.write { db in
                try db.execute(sql: "UPDATE run SET status = 'published' WHERE id = ?", arguments: [runID])
            }
        }
    }
}
