/// Reads xlsx workbooks as plain grids of displayed values (for checks and tests in other modules).
public enum XLSXReader {
    /// The names of all sheets, in workbook order.
    public static func sheetNames(path: String) throws -> [String] {
        try XLSXPackage(path: path).sheets.map(\.name)
    }

    /// All cell values of a sheet (by name, or the first sheet) as displayed strings, row-major.
    ///
    /// Row `i` of the result is spreadsheet row `i + 1`; missing rows and cells are filled with "", and every row
    /// has the width of the widest. Dates come as ISO 8601 text, booleans as TRUE/FALSE, formulas as their cached value.
    public static func grid(path: String, sheet: String?) throws -> [[String]] {
        let workbook = try XLSXPackage(path: path)
        let ref = try workbook.sheet(named: sheet)
        var rows: [[String]] = []
        var width = 0
        _ = try workbook.readRows(of: ref) { cells, row in
            let index = row - 1
            if index >= rows.count { rows.append(contentsOf: repeatElement([], count: index + 1 - rows.count)) }
            rows[index] = cells
            width = max(width, cells.count)
        }
        for i in rows.indices where rows[i].count < width {
            rows[i].append(contentsOf: repeatElement("", count: width - rows[i].count))
        }
        return rows
    }
}
