import Foundation

/// File-level checks shared by the readers.
enum FileChecks {
    /// Throws a clear `IngestError` unless `path` is a readable regular file (or a symbolic link to one): a folder,
    /// a named pipe, a device or a socket is refused before it is opened (opening a pipe would wait for a writer).
    static func checkReadable(path: String) throws {
        let target = (path as NSString).resolvingSymlinksInPath
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: target) else {
            throw IngestError(.fileAccess, file: path, message: "file not found")
        }
        if let problem = notRegular(attributes[.type] as? FileAttributeType) {
            throw IngestError(.fileAccess, file: path, message: problem)
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw IngestError(.fileAccess, file: path, message: "permission denied: the file is not readable")
        }
    }

    /// What a file of this type is, when it is not a regular file.
    private static func notRegular(_ type: FileAttributeType?) -> String? {
        switch type {
        case .typeRegular?: return nil
        case .typeDirectory?: return "is a directory, not a file"
        case .typeSymbolicLink?: return "is a symbolic link to nothing (file not found)"
        case .typeCharacterSpecial?, .typeBlockSpecial?: return "is a device, not a regular file"
        case .typeSocket?: return "is a socket, not a regular file"
        default: return "is a named pipe or another special file, not a regular file"
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
