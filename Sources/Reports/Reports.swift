import Foundation
import WerksessiesModel

/// The Reports stage: writes every report of a run into a folder.
public enum Reports {
    /// Writes all CSVs and workbooks of the bundle into `directory` (which must exist); returns the relative paths written.
    public static func writeAll(_ bundle: ReportBundle, to directory: URL) throws -> [String] {
        []
    }
}
