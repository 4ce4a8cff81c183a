import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A written .xlsx read back for assertions: its zip entries as bytes and text, sheet names, and cell values.
public struct WorkbookReadBack {
    /// Every entry of the package by its path (CRC-32 checked on extraction).
    public let entries: [String: Data]

    /// Unzips the workbook at `url`.
    public init(_ url: URL) throws {
        let archive = try Archive(url: url, accessMode: .read)
        var entries: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            entries[entry.path] = data
        }
        self.entries = entries
    }

    /// Unzips the workbook at `path`.
    public init(path: String) throws { try self.init(URL(fileURLWithPath: path)) }

    /// An entry as UTF-8 text ("" when absent).
    public func text(_ path: String) -> String { entries[path].map { String(decoding: $0, as: UTF8.self) } ?? "" }

    /// Sheet names in workbook order, from xl/workbook.xml.
    public var sheetNames: [String] {
        xmlElements(named: "sheet", in: entries["xl/workbook.xml"] ?? Data()).compactMap { $0.attributes["name"] }
    }

    /// Every entry sorted by path (for "does this ever occur" scans).
    public var allBytes: [(String, Data)] { entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

    /// The chart parts, sorted.
    public var chartParts: [String] { entries.keys.filter { $0.hasPrefix("xl/charts/chart") }.sorted() }

    /// The XML of every worksheet, in part order (sheet1, sheet2, …).
    public var worksheetXML: [String] { worksheetPaths.map(text) }

    /// The worksheet parts in number order.
    public var worksheetPaths: [String] {
        entries.keys.filter { $0.hasPrefix("xl/worksheets/sheet") && $0.hasSuffix(".xml") }
            .sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
    }

    /// The cell values of worksheet `index` (0-based part order) by reference ("A1" → text); shared strings
    /// and inline strings resolved, numbers as written.
    public func cells(sheet index: Int) -> [String: String] {
        let shared = xmlElements(named: "si", in: entries["xl/sharedStrings.xml"] ?? Data()).map(\.text)
        var cells: [String: String] = [:]
        for cell in xmlElements(named: "c", in: entries[worksheetPaths[index]] ?? Data()) {
            guard let reference = cell.attributes["r"] else { continue }
            if cell.attributes["t"] == "s" {
                cells[reference] = Int(cell.valueText).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
            } else {
                cells[reference] = cell.attributes["t"] == "inlineStr" ? cell.text : cell.valueText
            }
        }
        return cells
    }

    /// The rows of worksheet `index` as text, empty cells as "" (up to each row's last written cell).
    public func rows(sheet index: Int) -> [[String]] {
        var grid: [[String]] = []
        for (reference, value) in cells(sheet: index) {
            let (row, column) = Self.position(reference)
            while grid.count <= row { grid.append([]) }
            while grid[row].count <= column { grid[row].append("") }
            grid[row][column] = value
        }
        return grid
    }

    /// The document properties of docProps/core.xml and docProps/app.xml by element name without prefix
    /// ("title", "subject", "creator", "keywords", "description", "category", "Company", "Manager").
    public var documentProperties: [String: String] {
        var properties: [String: String] = [:]
        for part in ["docProps/app.xml", "docProps/core.xml"] {
            properties.merge(leafTexts(in: entries[part] ?? Data()).leaves) { _, new in new }
        }
        return properties
    }

    /// The custom properties of docProps/custom.xml by their name.
    public var customProperties: [String: String] { leafTexts(in: entries["docProps/custom.xml"] ?? Data()).custom }

    /// The 0-based row and column of a cell reference such as "AB12".
    static func position(_ reference: String) -> (row: Int, column: Int) {
        var column = 0
        var row = 0
        for scalar in reference.unicodeScalars {
            if let digit = Int(String(scalar)) { row = row * 10 + digit } else { column = column * 26 + Int(scalar.value) - 64 }
        }
        return (row - 1, column - 1)
    }
}

/// One element found by `xmlElements`: its attributes, all text below it, and the text of its `<v>` child.
struct ParsedElement {
    var attributes: [String: String]
    var text = ""
    var valueText = ""
}

/// Every element with a given local name in an XML document, with the text below it (Foundation's XMLParser).
func xmlElements(named name: String, in data: Data) -> [ParsedElement] {
    let collector = ElementCollector(name: name)
    let parser = XMLParser(data: data)
    parser.delegate = collector
    _ = parser.parse()
    return collector.found
}

private final class ElementCollector: NSObject, XMLParserDelegate {
    let name: String
    var found: [ParsedElement] = []
    private var current: ParsedElement?
    private var inValue = false
    private var inText = false

    init(name: String) { self.name = name }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let local = element.split(separator: ":").last.map(String.init) ?? element
        if local == name { current = ParsedElement(attributes: attributes) }
        if local == "v" { inValue = true }
        if local == "t" { inText = true }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        let local = element.split(separator: ":").last.map(String.init) ?? element
        if local == "v" { inValue = false }
        if local == "t" { inText = false }
        if local == name, let done = current {
            found.append(done)
            current = nil
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard current != nil else { return }
        if inValue { current?.valueText += string }
        if inText { current?.text += string }
    }
}

/// The text of every leaf element by local name, and of every custom `<property name=…>` by its name.
func leafTexts(in data: Data) -> (leaves: [String: String], custom: [String: String]) {
    let collector = LeafCollector()
    let parser = XMLParser(data: data)
    parser.delegate = collector
    _ = parser.parse()
    return (collector.leaves, collector.custom)
}

private final class LeafCollector: NSObject, XMLParserDelegate {
    var leaves: [String: String] = [:]
    var custom: [String: String] = [:]
    private var stack: [String] = []
    private var property: String?
    private var text = ""

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let local = element.split(separator: ":").last.map(String.init) ?? element
        if local == "property" { property = attributes["name"] }
        stack.append(local)
        text = ""
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        guard let local = stack.popLast() else { return }
        if local == "property" {
            property = nil
        } else if let property {
            custom[property] = text
        } else if !text.isEmpty {
            leaves[local] = text
        }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}
