import Foundation

/// A sheet of a workbook: its name and the package part that holds it.
struct XLSXSheetRef: Sendable, Hashable {
    var name: String
    var part: String
    var hidden: Bool
    var isWorksheet: Bool
}

/// A problem in a sheet that does not stop reading it.
struct SheetIssue: Sendable, Hashable {
    var row: Int?
    /// 0-based column.
    var column: Int?
    var code: String
    var message: String
    var value: String
}

/// An opened xlsx workbook: sheets, shared strings, date styles and the 1900/1904 date base.
struct XLSXPackage {
    let file: String
    let package: ZipPackage
    let sheets: [XLSXSheetRef]
    let date1904: Bool
    private let sharedStringsPart: String?
    private let stylesPart: String?
    let limits: XLSXLimits

    var sha256: String { package.sha256 }

    private static let relationshipTag = Array("Relationship".utf8)
    private static let idAttr = Array("Id".utf8)
    private static let typeAttr = Array("Type".utf8)
    private static let targetAttr = Array("Target".utf8)

    /// Opens a workbook: checks the package and reads the workbook part and its relationships.
    init(path: String, limits: XLSXLimits = .standard) throws {
        file = path
        self.limits = limits
        package = try ZipPackage(path: path, limits: limits)
        // The workbook part, from the package relationships (usually xl/workbook.xml).
        var workbookPart = "xl/workbook.xml"
        if package.contains("_rels/.rels") {
            let rels = try Self.relationships(package, part: "_rels/.rels", file: path)
            if let office = rels.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                workbookPart = Self.resolve(office.target, from: "_rels/.rels")
            }
        }
        guard package.contains(workbookPart) else {
            throw IngestError(.fileType, file: path, message: "not an xlsx workbook: the zip archive has no \(workbookPart) (a different kind of zip file?)")
        }
        let workbookRelsPart = Self.relsPart(of: workbookPart)
        let rels = package.contains(workbookRelsPart) ? try Self.relationships(package, part: workbookRelsPart, file: path) : []
        var byID: [String: (type: String, target: String)] = [:]
        for rel in rels { byID[rel.id] = (rel.type, Self.resolve(rel.target, from: workbookPart)) }
        sharedStringsPart = rels.first { $0.type.hasSuffix("/sharedStrings") }.map { Self.resolve($0.target, from: workbookPart) }
            ?? (package.contains("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : nil)
        stylesPart = rels.first { $0.type.hasSuffix("/styles") }.map { Self.resolve($0.target, from: workbookPart) }
            ?? (package.contains("xl/styles.xml") ? "xl/styles.xml" : nil)

        // Sheets and the date base.
        let bytes = try package.read(workbookPart)
        var scanner = XMLScanner(bytes)
        var sheets: [XLSXSheetRef] = []
        var date1904 = false
        let sheetTag = Array("sheet".utf8), prTag = Array("workbookPr".utf8)
        let nameAttr = Array("name".utf8), ridAttr = Array("r:id".utf8), stateAttr = Array("state".utf8)
        let dateAttr = Array("date1904".utf8)
        do {
            while let event = try scanner.next() {
                guard case .start(let name, let attributes, _) = event else { continue }
                if scanner.localName(name, is: sheetTag) {
                    let sheetName = scanner.attributeString(nameAttr, in: attributes) ?? "Sheet\(sheets.count + 1)"
                    var rid = scanner.attributeString(ridAttr, in: attributes)
                    if rid == nil {
                        // Another prefix for the relationships namespace.
                        var i = attributes.lowerBound
                        while i < attributes.upperBound, rid == nil {
                            if bytes[i] == 0x3A, i + 3 < attributes.upperBound, bytes[i + 1] == 0x69, bytes[i + 2] == 0x64, bytes[i + 3] == 0x3D {
                                var q = i + 4
                                while q < attributes.upperBound, bytes[q] != 0x22, bytes[q] != 0x27 { q += 1 }
                                var e = q + 1
                                while e < attributes.upperBound, bytes[e] != bytes[q] { e += 1 }
                                if e <= attributes.upperBound, q + 1 <= e { rid = String(decoding: bytes[(q + 1)..<e], as: UTF8.self) }
                            }
                            i += 1
                        }
                    }
                    let state = scanner.attributeString(stateAttr, in: attributes) ?? "visible"
                    let rel = rid.flatMap { byID[$0] }
                    sheets.append(XLSXSheetRef(
                        name: sheetName, part: rel?.target ?? "", hidden: state != "visible",
                        isWorksheet: rel.map { $0.type.hasSuffix("/worksheet") } ?? false))
                } else if scanner.localName(name, is: prTag) {
                    let value = scanner.attributeString(dateAttr, in: attributes) ?? "0"
                    date1904 = value == "1" || value.lowercased() == "true"
                }
            }
        } catch let error as XMLScanError {
            throw Self.ingestError(error, part: workbookPart, file: path)
        }
        guard !sheets.isEmpty else { throw IngestError(.sheet, file: path, message: "the workbook has no sheets") }
        self.sheets = sheets
        self.date1904 = date1904
    }

    /// The sheet to read: by name (exact, then case-insensitive), or the first visible worksheet.
    func sheet(named name: String?) throws -> XLSXSheetRef {
        if let name {
            guard let sheet = sheets.first(where: { $0.name == name })
                ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() })
                ?? sheets.first(where: { LookupFolding.trim($0.name).lowercased() == LookupFolding.trim(name).lowercased() })
            else {
                throw IngestError(.sheet, file: file, message: "sheet '\(name)' not found; sheets: " + sheets.map { "'\($0.name)'" }.joined(separator: ", "))
            }
            guard sheet.isWorksheet, package.contains(sheet.part) else {
                throw IngestError(.sheet, file: file, message: "sheet '\(sheet.name)' is not a worksheet with cells (a chart sheet?)")
            }
            return sheet
        }
        let worksheets = sheets.filter { $0.isWorksheet && package.contains($0.part) }
        guard let first = worksheets.first(where: { !$0.hidden }) ?? worksheets.first else {
            throw IngestError(.sheet, file: file, message: "the workbook has no worksheet with cells")
        }
        return first
    }

    // MARK: - Package helpers

    static func ingestError(_ error: XMLScanError, part: String, file: String) -> IngestError {
        switch error {
        case .doctype:
            return IngestError(.corruptWorkbook, file: file,
                message: "XML bomb protection: part \(part) contains a DTD or entity declaration (<!DOCTYPE/<!ENTITY), which xlsx never needs; refused")
        case .malformed(let why):
            return IngestError(.corruptWorkbook, file: file, message: "corrupt xlsx: part \(part) is not well-formed XML (\(why))")
        case .textTooLong(let bytes):
            return IngestError(
                .limit,
                file: file,
                message: "part \(part) holds a text of more than \(formatBytes(bytes)) (cell limit \(formatBytes(ValueLimits.maxCellBytes))): not a registration export")
        }
    }

    /// The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relsPart(of part: String) -> String {
        let parts = part.split(separator: "/", omittingEmptySubsequences: false)
        let name = parts.last.map(String.init) ?? part
        let dir = parts.dropLast().joined(separator: "/")
        return (dir.isEmpty ? "" : dir + "/") + "_rels/" + name + ".rels"
    }

    /// Resolves a relationship target against the part that owns the relationships.
    static func resolve(_ target: String, from sourcePart: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var base = sourcePart.split(separator: "/").map(String.init)
        base.removeLast()
        if base.last == "_rels" { base.removeLast() }
        for piece in target.split(separator: "/") {
            if piece == ".." { if !base.isEmpty { base.removeLast() } } else if piece != "." { base.append(String(piece)) }
        }
        return base.joined(separator: "/")
    }

    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    static func relationships(_ package: ZipPackage, part: String, file: String) throws -> [Relationship] {
        let bytes = try package.read(part)
        var scanner = XMLScanner(bytes)
        var out: [Relationship] = []
        do {
            while let event = try scanner.next() {
                guard case .start(let name, let attributes, _) = event, scanner.localName(name, is: relationshipTag) else { continue }
                out.append(Relationship(
                    id: scanner.attributeString(idAttr, in: attributes) ?? "",
                    type: scanner.attributeString(typeAttr, in: attributes) ?? "",
                    target: scanner.attributeString(targetAttr, in: attributes) ?? ""))
            }
        } catch let error as XMLScanError {
            throw ingestError(error, part: part, file: file)
        }
        return out
    }

    // MARK: - Shared strings and styles

    /// All shared strings, rich text runs joined, phonetic runs left out.
    func sharedStrings() throws -> [String] {
        guard let part = sharedStringsPart, package.contains(part) else { return [] }
        let bytes = try package.read(part)
        var scanner = XMLScanner(bytes)
        var strings: [String] = []
        let siTag = Array("si".utf8)
        var text: [UInt8] = []
        do {
            while let event = try scanner.next() {
                guard case .start(let name, _, let selfClosing) = event, scanner.localName(name, is: siTag) else { continue }
                if selfClosing {
                    strings.append("")
                    continue
                }
                text.removeAll(keepingCapacity: true)
                try Self.readRichText(&scanner, into: &text, maxBytes: limits.maxCellBytes)
                strings.append(Self.makeString(text))
            }
        } catch XMLScanError.textTooLong(let bytes) {
            throw IngestError(
                .limit,
                file: file,
                message: "shared string \(strings.count + 1) is more than \(formatBytes(bytes)) long (cell limit \(formatBytes(limits.maxCellBytes))): not a registration export")
        } catch let error as XMLScanError {
            throw Self.ingestError(error, part: part, file: file)
        }
        return strings
    }

    /// A string from cell text bytes, with `_xHHHH_` escapes decoded.
    @inline(__always)
    static func makeString(_ bytes: [UInt8]) -> String {
        if OOXMLEscapes.mayContain(bytes) { return String(decoding: OOXMLEscapes.decode(bytes), as: UTF8.self) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let tTag = Array("t".utf8), rPhTag = Array("rPh".utf8)

    /// Reads the text of an `<si>` or `<is>` element (start tag already read): every `<t>` outside `<rPh>`.
    static func readRichText(_ scanner: inout XMLScanner, into text: inout [UInt8], maxBytes: Int) throws {
        var depth = 1
        while let event = try scanner.next() {
            switch event {
            case .start(let name, _, let selfClosing):
                if selfClosing { continue }
                if scanner.localName(name, is: tTag) {
                    try scanner.readText(into: &text, maxBytes: maxBytes)
                } else if scanner.localName(name, is: rPhTag) {
                    try scanner.skipElement()
                } else {
                    depth += 1
                }
            case .end:
                depth -= 1
                if depth == 0 { return }
            case .text: continue
            }
        }
        throw XMLScanError.malformed("unexpected end of document inside a string")
    }

    /// Per cell style (xf index): 0 not a date, 1 a date or date-time format, 2 a time-only format.
    func dateStyles() throws -> [UInt8] {
        guard let part = stylesPart, package.contains(part) else { return [] }
        let bytes = try package.read(part)
        var scanner = XMLScanner(bytes)
        var custom: [Int: String] = [:]
        var xfFormats: [Int] = []
        var inCellXfs = false
        let numFmtTag = Array("numFmt".utf8), cellXfsTag = Array("cellXfs".utf8), xfTag = Array("xf".utf8)
        let idAttr = Array("numFmtId".utf8), codeAttr = Array("formatCode".utf8)
        do {
            while let event = try scanner.next() {
                switch event {
                case .start(let name, let attributes, let selfClosing):
                    if scanner.localName(name, is: numFmtTag) {
                        if let id = scanner.attributeInt(idAttr, in: attributes), let code = scanner.attributeString(codeAttr, in: attributes) {
                            custom[id] = code
                        }
                    } else if scanner.localName(name, is: cellXfsTag) {
                        inCellXfs = !selfClosing
                    } else if inCellXfs, scanner.localName(name, is: xfTag) {
                        if xfFormats.count < 1_000_000 { xfFormats.append(scanner.attributeInt(idAttr, in: attributes) ?? 0) }
                    }
                case .end(let name):
                    if scanner.localName(name, is: cellXfsTag) { inCellXfs = false }
                case .text: continue
                }
            }
        } catch let error as XMLScanError {
            throw Self.ingestError(error, part: part, file: file)
        }
        return xfFormats.map { id in
            if let code = custom[id] { return Self.dateKind(formatCode: code) }
            switch id {
            case 14...17, 22, 27...36, 50...58: return 1
            case 18...21, 45...47: return 2
            default: return 0
            }
        }
    }

    /// 0 when a number format shows no date or time, 1 for a date (or date and time), 2 for a time only.
    /// Quoted text, `\x` escapes, `_x` / `*x` padding and bracketed colours or locales are ignored.
    static func dateKind(formatCode: String) -> UInt8 {
        var hasDate = false, hasTime = false, hasMonthOrMinute = false
        var inQuote = false, skipNext = false
        var bracket: [UInt8]? = nil
        for b in formatCode.utf8 {
            if skipNext { skipNext = false; continue }
            if inQuote {
                if b == 0x22 { inQuote = false }
                continue
            }
            if bracket != nil {
                if b == 0x5D {
                    // [h], [mm], [ss]: elapsed time; anything else ([Red], [$-413]) is not a date part.
                    if let content = bracket, !content.isEmpty, content.allSatisfy({ [0x68, 0x6D, 0x73].contains($0 | 0x20) }) { hasTime = true }
                    bracket = nil
                } else {
                    bracket?.append(b)
                }
                continue
            }
            switch b {
            case 0x22: inQuote = true
            case 0x5C, 0x5F, 0x2A: skipNext = true  // \x, _x, *x
            case 0x5B: bracket = []
            case 0x64, 0x44, 0x79, 0x59: hasDate = true  // d y
            case 0x6D, 0x4D: hasMonthOrMinute = true  // m
            case 0x68, 0x48: hasTime = true  // h
            default: break
            }
        }
        if hasDate { return 1 }
        if hasTime { return 2 }
        return hasMonthOrMinute ? 1 : 0
    }
}
