import Foundation
import Ingest
import State
import WerksessiesModel

extension NightlyRun {
    /// Pins everyone with a session in the latest published `notifications.csv` to it: they were told, so
    /// they never move again. Returns a one-line summary.
    public func pinNotified() throws -> String {
        let path = output.latest + "/notifications.csv"
        guard FileManager.default.fileExists(atPath: path) else {
            throw PipelineError(.usage, "\(path): no notifications of a published run; run `werksessies run` first")
        }
        let rows = try CSVReader.read(path: path)
        guard let header = rows.first, let email = header.firstIndex(of: "email"),
            let session = header.firstIndex(of: "session")
        else {
            throw PipelineError(.usage, "\(path): not a notifications.csv (no email and session columns)")
        }
        let store = try StateStore(path: statePath)
        let change = header.firstIndex(of: "change")
        let registrants = try store.snapshot().registrants.values
        let ids = Dictionary(registrants.map { ($0.emailKey, $0.id) }, uniquingKeysWith: { a, _ in a })
        var pinned = 0
        var skipped = 0
        for row in rows.dropFirst() where row.count > max(email, session) {
            let cancelled = change.map { $0 < row.count && row[$0] == ParticipantNotification.Change.cancelled.rawValue } ?? false
            guard !cancelled, let target = Int(row[session]), let id = ids[Registration.foldEmail(row[email])] else {
                skipped += 1  // waitlisted or cancelled: no session to keep
                continue
            }
            try store.setPin(participantID: id, session: target, note: "notified")
            pinned += 1
        }
        return "pinned \(pinned) notified participant(s) to their session (\(skipped) without a session left as they are)"
    }
}
