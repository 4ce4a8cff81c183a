import Foundation

/// File-level checks shared by the readers.
enum FileChecks {
    /// Throws a clear `IngestError` when a path is missing, a directory or unreadable.
    static func checkReadable(path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IngestError(.fileAccess, file: path, message: "file not found")
        }
        if isDirectory.boolValue { throw IngestError(.fileAccess, file: path, message: "is a directory, not a file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw IngestError(.fileAccess, file: path, message: "permission denied: the file is not readable")
        }
    }

    /// A short reason for a Foundation error: the system's text for its POSIX error where it has one.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return posixText(underlying.code)
        }
        if ns.domain == NSPOSIXErrorDomain { return posixText(ns.code) }
        return ns.localizedDescription
    }

    /// The system's text for an errno value ("Permission denied").
    static func posixText(_ code: Int) -> String {
        let text = NSError(domain: NSPOSIXErrorDomain, code: code).localizedDescription
        let prefix = "The operation could not be completed. "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }

    /// Names a well-known binary format from its first bytes (`nil` when none matches).
    static func binaryKind(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return "a zip archive (an .xlsx workbook with the wrong extension?)"
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return "a legacy Excel 97-2003 (.xls) or other OLE file; save it as .xlsx or .csv"
        }
        if bytes.starts(with: Array("%PDF".utf8)) { return "a PDF document" }
        if bytes.starts(with: [0x1F, 0x8B]) { return "gzip-compressed data" }
        return nil
    }
}

/// Human-readable size, e.g. `50.0 MB`.
func formatBytes(_ bytes: Int) -> String {
    if bytes < 1024 { return "\(bytes) bytes" }
    if bytes < 1024 * 1024 { return "\(bytes / 1024) KB" }
    let tenths = (bytes * 10) / (1024 * 1024)
    return "\(tenths / 10).\(tenths % 10) MB"
}
