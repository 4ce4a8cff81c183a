import LibCSV

extension XLSXPackage {
    /// Like `readRows`, but scans the sheet on a second thread (while a third inflates it) and `onBatch` runs on this one.
    func readRowsPipelined(
        of sheet: XLSXSheetRef, onBatch: (CSVRecords) throws -> Void, finishConsuming: () throws -> Void
    ) throws -> [SheetIssue] {
        let workbook = self
        return try withSheetPart(sheet) { part in
            try runPipelined(file: file, produce: { emit in
                // The cells go as bytes: the row builders on the other threads make the strings they use.
                var cells = ByteRowCells()
                let issues = try workbook.readRows(of: sheet, part, into: &cells) { cells, row in
                    if cells.appendRow(row) >= 2048 { try emit(cells.takeBatch()) }
                }
                if cells.batch.count > 0 { try emit(cells.takeBatch()) }
                return issues
            }, consume: onBatch, finishConsuming: finishConsuming)
        }
    }
}
