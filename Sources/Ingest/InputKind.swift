import Foundation

/// The two kinds of input, from the extension, checked against the content.
enum InputKind {
    case csv, xlsx

    static func detect(path: String) throws -> InputKind {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "csv", "tsv", "txt": return .csv
        case "xlsx", "xlsm": return .xlsx
        case "xls": throw IngestError(.fileType, file: path, message: "legacy Excel 97-2003 (.xls) files are not supported; save it as .xlsx or .csv")
        case "ods": throw IngestError(.fileType, file: path, message: "OpenDocument spreadsheets (.ods) are not supported; save it as .xlsx or .csv")
        case "": throw IngestError(.fileType, file: path, message: "no file extension: expected .xlsx or .csv")
        default: throw IngestError(.fileType, file: path, message: "unknown file type '.\(ext)': expected .xlsx or .csv")
        }
    }
}
