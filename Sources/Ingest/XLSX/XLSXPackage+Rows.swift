/// Reading the cells of a sheet, row by row.
extension XLSXPackage {
    private static let rowTag = Array("row".utf8), cTag = Array("c".utf8), vTag = Array("v".utf8), isTag = Array("is".utf8)
    private static let rAttr = Array("r".utf8), tAttr = Array("t".utf8), sAttr = Array("s".utf8)

    /// The cell types of SpreadsheetML.
    private enum CellType { case number, shared, inline, boolean, error, string, date }

    /// Calls `onRow` with every row that has cells (values as displayed, gaps filled with "") and its row number.
    /// Returns the problems that did not stop the reading.
    func readRows(of sheet: XLSXSheetRef, onRow: ([String], Int) throws -> Void) throws -> [SheetIssue] {
        try withSheetPart(sheet) { part in
            var cells = StringRowCells()
            return try readRows(of: sheet, part, into: &cells) { try onRow($0.cells, $1) }
        }
    }

    /// Runs `body` with the sheet's part being inflated on another thread (after the shared strings and styles).
    /// An inflate error wins over any error of `body`, as when the whole part was inflated before reading it.
    func withSheetPart<T>(_ sheet: XLSXSheetRef, _ body: (SheetPart) throws -> T) throws -> T {
        let shared = try sharedStrings()
        let styles = try dateStyles()
        let part = try package.readInBackground(sheet.part)
        do {
            return try body(SheetPart(bytes: part, sharedStrings: shared, dateStyles: styles))
        } catch {
            if let inflateError = part.waitForEnd() { throw inflateError }
            throw error
        }
    }

    /// A sheet's part (possibly still inflating) with the workbook's shared strings and date styles.
    struct SheetPart: Sendable {
        let bytes: PartBuffer
        let sharedStrings: [String]
        let dateStyles: [UInt8]
    }

    /// `readRows` over a sheet part, the cells of each row collected in `cells` (emptied after `onRow`).
    func readRows<Cells: SheetRowCells>(
        of sheet: XLSXSheetRef, _ sheetPart: SheetPart, into cells: inout Cells, onRow: (inout Cells, Int) throws -> Void
    ) throws -> [SheetIssue] {
        let shared = sheetPart.sharedStrings
        let styles = sheetPart.dateStyles
        var scanner = XMLScanner(part: sheetPart.bytes)
        // The tag names as locals: a static in the loop costs a lazy-initialisation check per use.
        let cTag = Self.cTag, vTag = Self.vTag, isTag = Self.isTag, rowTag = Self.rowTag
        var issues: [SheetIssue] = []
        cells.removeAll()
        var rowNumber = 0
        var nextColumn = 0
        var text: [UInt8] = []
        var inRow = false
        var cellColumn = 0
        do {
            while let event = try scanner.next() {
                switch event {
                case .start(let name, let attributes, let selfClosing):
                    if scanner.localName(name, is: cTag) {
                        // Column from the reference (r="C5"), else the next one.
                        var column = nextColumn
                        let (refAttr, typeAttr, styleAttr) = scanner.cellAttributes(in: attributes)
                        if let ref = refAttr {
                            guard let parsed = Self.column(of: ref, in: scanner) else {
                                throw IngestError(.corruptWorkbook, file: file, message: "corrupt xlsx: bad cell reference '\(String(decoding: scanner.bytes(ref), as: UTF8.self))' in sheet '\(sheet.name)'")
                            }
                            column = parsed
                        }
                        guard column < limits.maxColumns else {
                            throw IngestError(
                                .limit,
                                file: file,
                                message: "sheet '\(sheet.name)' row \(rowNumber) has a cell beyond column \(ColumnName.letters(limits.maxColumns - 1)) (\(limits.maxColumns) columns at most)")
                        }
                        if !inRow {  // a cell outside <row>: treat as part of a new row
                            inRow = true
                            rowNumber += 1
                        }
                        nextColumn = column + 1
                        if selfClosing { continue }
                        let type = Self.cellType(typeAttr, in: scanner)
                        let style = styleAttr.flatMap { scanner.decimal($0) } ?? 0
                        // Children: <v>, <is>, <f> (never evaluated).
                        var hasValue = false
                        cellColumn = column
                        while let inner = try scanner.next() {
                            if case .end = inner { break }
                            guard case .start(let n2, _, let closed) = inner else { continue }
                            if closed { continue }
                            if scanner.localName(n2, is: vTag) {
                                text.removeAll(keepingCapacity: true)
                                try scanner.readText(into: &text, maxBytes: limits.maxCellBytes)
                                hasValue = true
                            } else if scanner.localName(n2, is: isTag) {
                                text.removeAll(keepingCapacity: true)
                                try Self.readRichText(&scanner, into: &text, maxBytes: limits.maxCellBytes)
                                hasValue = true
                            } else {
                                try scanner.skipElement()
                            }
                        }
                        guard hasValue else { continue }
                        switch type {
                        case .shared:
                            if let index = Self.smallInt(text), index < shared.count {
                                cells.set(column, shared[index])
                            } else {
                                issues.append(SheetIssue(
                                    row: rowNumber, column: column, code: "bad_shared_string",
                                    message: "cell \(ColumnName.letters(column))\(rowNumber) points to a shared string that does not exist; read as empty",
                                    value: String(decoding: text.prefix(20), as: UTF8.self)))
                                cells.set(column, "")
                            }
                        case .inline, .string, .error, .date:
                            cells.set(column, cellText: text)
                        case .boolean:
                            cells.set(column, text == [0x31] || text == Array("true".utf8) ? "TRUE" : "FALSE")
                        case .number:
                            let kind = style < styles.count ? styles[style] : 0
                            cells.set(column, Self.displayNumber(text, dateKind: kind, date1904: date1904))
                        }
                    } else if scanner.localName(name, is: rowTag) {
                        if inRow, !cells.isEmpty { try onRow(&cells, rowNumber) }
                        cells.removeAll()
                        let given = scanner.attributeInt(Self.rAttr, in: attributes)
                        if let given, given >= 1, given <= 1_048_576 {
                            rowNumber = given
                        } else if given != nil {
                            throw IngestError(.corruptWorkbook, file: file, message: "corrupt xlsx: row number \(given ?? 0) in sheet '\(sheet.name)' is outside 1…1,048,576")
                        } else {
                            rowNumber += 1
                        }
                        nextColumn = 0
                        inRow = !selfClosing
                    }
                case .end(let name):
                    if inRow, scanner.localName(name, is: rowTag) {
                        if !cells.isEmpty { try onRow(&cells, rowNumber) }
                        cells.removeAll()
                        inRow = false
                    }
                case .text:
                    continue
                }
            }
            if inRow, !cells.isEmpty { try onRow(&cells, rowNumber) }
        } catch XMLScanError.textTooLong(let size) {
            throw IngestError(.csvSyntax, file: file,
                message: "cell \(ColumnName.letters(cellColumn))\(rowNumber) of sheet '\(sheet.name)' is more than \(formatBytes(size)) long (limit \(formatBytes(limits.maxCellBytes))): not a registration export")
        } catch let error as XMLScanError {
            throw Self.ingestError(error, part: sheet.part, file: file)
        }
        return issues
    }

    private static func cellType(_ range: Range<Int>?, in scanner: XMLScanner) -> CellType {
        guard let range, let first = range.first else { return .number }
        switch scanner[first] {
        case 0x73: return range.count == 1 ? .shared : .string  // s, str
        case 0x69: return .inline  // inlineStr
        case 0x62: return .boolean  // b
        case 0x65: return .error  // e
        case 0x64: return .date  // d (ISO 8601 text)
        default: return .number  // n
        }
    }

    /// 0-based column of a cell reference such as `C5` or `$AB$12`; `nil` when it is not one.
    static func column(of range: Range<Int>, in scanner: XMLScanner) -> Int? {
        var column = 0
        var letters = 0
        for i in range {
            var b = scanner[i]
            if b == 0x24 { continue }  // $
            if b >= 0x61 && b <= 0x7A { b -= 0x20 }
            if b >= 0x41 && b <= 0x5A {
                letters += 1
                guard letters <= 4 else { return nil }
                column = column * 26 + Int(b - 0x40)
            } else if b >= 0x30 && b <= 0x39 {
                break
            } else {
                return nil
            }
        }
        return letters == 0 ? nil : column - 1
    }

    private static func smallInt(_ text: [UInt8]) -> Int? {
        guard !text.isEmpty, text.count <= 10 else { return nil }
        var n = 0
        for b in text {
            guard b >= 0x30, b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }

    /// The value of a plain decimal such as `44076.02678240741` or `-2.5` with at most 16 digits, exactly as `Double(_:)`
    /// reads it: the digits as an integer below 2^53 divided by a power of ten up to 10^22, both exact, is correctly
    /// rounded (Clinger's fast path). `nil` for anything else (exponents, spaces, more digits), left to `Double(_:)`.
    static func plainDecimal(_ raw: [UInt8]) -> Double? {
        var i = 0
        let negative = raw.first == 0x2D
        if negative { i = 1 }
        var mantissa: Int64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while i < raw.count {
            let b = raw[i]
            if b >= 0x30 && b <= 0x39 {
                digits += 1
                guard digits <= 16 else { return nil }
                mantissa = mantissa * 10 + Int64(b - 0x30)
                if seenPoint { fractionDigits += 1 }
            } else if b == 0x2E && !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            i += 1
        }
        guard digits > 0, mantissa <= 1 << 53, !(seenPoint && raw.last == 0x2E) else { return nil }
        let value = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    /// 10^0 … 10^16, each exact in a `Double`.
    private static let powersOfTen: [Double] = (0...16).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }

    /// A number as displayed: integers without a fraction, dates (by style) as ISO 8601.
    static func displayNumber(_ raw: [UInt8], dateKind: UInt8, date1904: Bool) -> String {
        var plainInteger = !raw.isEmpty && raw.count <= 15
        for (k, b) in raw.enumerated() where !(b >= 0x30 && b <= 0x39) && !(k == 0 && b == 0x2D && raw.count > 1) {
            plainInteger = false
            break
        }
        if plainInteger && dateKind == 0 { return String(decoding: raw, as: UTF8.self) }
        let text = String(decoding: raw, as: UTF8.self)
        guard let value = plainDecimal(raw) ?? Double(LookupFolding.trim(text)), value.isFinite else { return text }
        if dateKind != 0, let (days, seconds) = CivilDate.fromExcelSerial(value, date1904: date1904) {
            return CivilDate.iso(days: days, seconds: seconds, timeOnly: dateKind == 2 && value < 1)
        }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
