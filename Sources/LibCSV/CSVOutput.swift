import CCSV
import Foundation

/// CSV text built field by field; libcsv quotes a field that holds the delimiter, a quote or a line break.
public struct CSVOutput: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// The field delimiter.
    public let delimiter: UInt8
    private var scratch: [UInt8] = []
    private var fieldsInRecord = 0

    /// Starts an output with `delimiter`, beginning with `prefix` (e.g. a byte order mark).
    public init(delimiter: UInt8, prefix: [UInt8] = [], reserve: Int = 1 << 14) {
        self.delimiter = delimiter
        bytes.reserveCapacity(reserve)
        bytes.append(contentsOf: prefix)
    }

    /// Appends a field to the current record, after `lead` (a byte put before the text, inside the quotes) if given.
    public mutating func field(_ text: String, lead: UInt8? = nil) {
        if fieldsInRecord > 0 { bytes.append(delimiter) }
        fieldsInRecord += 1
        var text = text
        text.withUTF8 { utf8 in
            let raw = UnsafeRawBufferPointer(utf8)
            if !needsQuotes(raw) {
                if let lead { bytes.append(lead) }
                bytes.append(contentsOf: raw)
            } else if let lead {
                ([lead] + Array(raw)).withUnsafeBytes { appendQuoted($0) }
            } else {
                appendQuoted(raw)
            }
        }
    }

    /// Ends the current record with CRLF.
    public mutating func endRecord() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        fieldsInRecord = 0
    }

    /// Hands the bytes written so far to `body` (e.g. to append them to a file) and starts again empty, keeping the
    /// capacity; the record being written carries on. Writing a large document in such chunks keeps it out of memory.
    public mutating func drain(_ body: ([UInt8]) throws -> Void) rethrows {
        try body(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes the bytes to a file atomically (a temporary file renamed), without a second copy in memory.
    public func write(to url: URL) throws {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return try Data().write(to: url, options: .atomic) }
            let view = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none)
            try view.write(to: url, options: .atomic)
        }
    }

    private func needsQuotes(_ raw: UnsafeRawBufferPointer) -> Bool {
        raw.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    private mutating func appendQuoted(_ source: UnsafeRawBufferPointer) {
        let capacity = source.count * 2 + 2
        if scratch.count < capacity { scratch = [UInt8](repeating: 0, count: capacity) }
        let written = scratch.withUnsafeMutableBytes { destination in
            csv_write(destination.baseAddress, capacity, source.baseAddress, source.count)
        }
        bytes.append(contentsOf: scratch[0..<min(written, capacity)])
    }
}
