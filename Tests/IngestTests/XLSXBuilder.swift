import Foundation
import XCTest
import ZIPFoundation
@testable import Ingest
import WerksessiesModel

/// Builds xlsx files part by part, so that tests control every XML detail.
struct XLSXBuilder {
    var sheets: [(name: String, xml: String)] = []
    var sharedStrings: [String]? = nil
    /// Raw sharedStrings.xml (overrides `sharedStrings`).
    var sharedStringsXML: String? = nil
    var stylesXML: String? = nil
    var date1904 = false
    var compress = true
    /// Extra or replacement parts: path → bytes.
    var parts: [String: [UInt8]] = [:]

    static let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A sheet XML from rows of cell XML fragments.
    static func sheetXML(_ rows: [String]) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"\(ns)\" xmlns:r=\"\(rns)\"><sheetData>"
            + rows.joined() + "</sheetData></worksheet>"
    }

    /// A row of inline-string cells starting at column A.
    static func inlineRow(_ number: Int, _ values: [String]) -> String {
        var cells = ""
        for (i, v) in values.enumerated() where !v.isEmpty {
            cells += "<c r=\"\(ColumnName.letters(i))\(number)\" t=\"inlineStr\"><is><t>\(escape(v))</t></is></c>"
        }
        return "<row r=\"\(number)\">\(cells)</row>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    func partsToWrite() -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        var types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        types += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
        out.append(("[Content_Types].xml", Array(types.utf8)))
        out.append(("_rels/.rels", Array("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(Self.rns)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".utf8)))
        var workbook = "<?xml version=\"1.0\"?><workbook xmlns=\"\(Self.ns)\" xmlns:r=\"\(Self.rns)\">"
        if date1904 { workbook += "<workbookPr date1904=\"1\"/>" }
        workbook += "<sheets>"
        var rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (i, sheet) in sheets.enumerated() {
            workbook += "<sheet name=\"\(Self.escape(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.rns)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
            out.append(("xl/worksheets/sheet\(i + 1).xml", Array(sheet.xml.utf8)))
        }
        workbook += "</sheets></workbook>"
        var sst = sharedStringsXML
        if sst == nil, let strings = sharedStrings {
            sst = "<?xml version=\"1.0\"?><sst xmlns=\"\(Self.ns)\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">"
                + strings.map { "<si><t xml:space=\"preserve\">\(Self.escape($0))</t></si>" }.joined() + "</sst>"
        }
        if let sst {
            rels += "<Relationship Id=\"rIdS\" Type=\"\(Self.rns)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            out.append(("xl/sharedStrings.xml", Array(sst.utf8)))
        }
        if let stylesXML {
            rels += "<Relationship Id=\"rIdT\" Type=\"\(Self.rns)/styles\" Target=\"styles.xml\"/>"
            out.append(("xl/styles.xml", Array(stylesXML.utf8)))
        }
        rels += "</Relationships>"
        out.append(("xl/workbook.xml", Array(workbook.utf8)))
        out.append(("xl/_rels/workbook.xml.rels", Array(rels.utf8)))
        var result = out.filter { parts[$0.0] == nil }
        for key in parts.keys.sorted() { result.append((key, parts[key]!)) }
        return result
    }

    /// Writes the workbook to `path`.
    func write(to path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, bytes) in partsToWrite() {
            try Self.add(archive, name, bytes, compress: compress)
        }
    }

    static func add(_ archive: Archive, _ name: String, _ bytes: [UInt8], compress: Bool = true) throws {
        let data = Data(bytes)
        try archive.addEntry(
            with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compress ? .deflate : .none,
            provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }
}
