import Foundation
import SystemCalls

extension OutputFolder {
    /// Removes the published runs in `runs` beyond the newest `keep` (oldest first in `published`; never
    /// `current`), and staging folders and links left by runs that died; returns the run ids kept.
    ///
    /// The caller holds the run lock, so every staging folder but `current`'s own is a leftover.
    public func prune(published: [String], keep: Int, current: String) -> [String] {
        removeLeftovers()
        let removable = published.filter { $0 != current }
        let dropped = removable.dropLast(max(0, keep - 1))
        for name in dropped where !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") {
            try? FileManager.default.removeItem(atPath: runFolder(name))
        }
        let droppedSet = Set(dropped)
        return published.filter { !droppedSet.contains($0) }
    }

    /// Staging folders and temporary `latest` links of runs that did not finish.
    func removeLeftovers() {
        let mine = "-\(SystemCalls.processID)"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: runs)) ?? []
        where name.hasPrefix(".staging-") && !name.hasSuffix(mine) {
            try? FileManager.default.removeItem(atPath: runs + "/" + name)
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        where name.hasPrefix(".latest-") && !name.hasSuffix(mine) {
            try? SystemCalls.unlinkIfPresent(path + "/" + name)
        }
    }
}
