/// CRC-32 (ISO-HDLC, as zip uses it: reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF),
/// computed eight bytes at a time ("slicing-by-8").
///
/// ZIPFoundation's own CRC-32 goes one byte at a time; for a sheet of tens of megabytes this is several
/// times faster. The unsafe pointers of the xlsx reader are confined to this file, `XMLScanner.swift` and `ZipPackage.swift`.
enum CRC32 {
    /// Eight 256-entry tables, one after the other: `tables[k * 256 + b]`.
    private static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for n in 0..<256 {
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[n] = c
        }
        for n in 0..<256 {
            var c = t[n]
            for k in 1..<8 {
                c = t[Int(c & 0xFF)] ^ (c >> 8)
                t[k * 256 + n] = c
            }
        }
        return t
    }()

    /// The CRC-32 of some bytes.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { update(0, $0) }
    }

    /// The CRC-32 of `bytes[from..<to]`.
    static func checksum(_ bytes: [UInt8], from: Int, to: Int) -> UInt32 {
        bytes.withUnsafeBufferPointer { update(0, UnsafeBufferPointer(rebasing: $0[from..<to])) }
    }

    /// Continues a CRC-32 (`crc` is the checksum of the bytes before) over more bytes.
    static func update(_ crc: UInt32, _ buffer: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return crc }
        return tables.withUnsafeBufferPointer { tablesBuffer -> UInt32 in
            let t = tablesBuffer.baseAddress!
            var c = ~crc
            var p = base
            var n = buffer.count
            // Byte by byte up to an 8-byte boundary, so the wide loads are aligned.
            while n > 0, UInt(bitPattern: p) & 7 != 0 {
                c = t[Int((c ^ UInt32(p.pointee)) & 0xFF)] ^ (c >> 8)
                p += 1
                n -= 1
            }
            let raw = UnsafeRawPointer(p)
            var offset = 0
            while n >= 8 {
                let word = UInt64(littleEndian: raw.load(fromByteOffset: offset, as: UInt64.self))
                let lo = UInt32(truncatingIfNeeded: word) ^ c
                let hi = UInt32(truncatingIfNeeded: word >> 32)
                c = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                offset += 8
                n -= 8
            }
            p += offset
            while n > 0 {
                c = t[Int((c ^ UInt32(p.pointee)) & 0xFF)] ^ (c >> 8)
                p += 1
                n -= 1
            }
            return ~c
        }
    }
}
