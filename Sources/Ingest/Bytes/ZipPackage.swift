import Digest
import WerksessiesModel
import Foundation
import ZIPFoundation

/// Limits that protect the xlsx reader against zip bombs and absurd parts.
struct XLSXLimits: Sendable {
    /// Largest uncompressed size of one part (declared and counted while inflating).
    var maxEntryBytes: Int = 512 << 20
    /// Largest ratio uncompressed / compressed for parts above `ratioThresholdBytes`.
    var maxCompressionRatio: Int = 200
    var ratioThresholdBytes: Int = 8 << 20
    /// Largest xlsx file read.
    var maxFileBytes: Int = 1 << 30
    /// Largest cell text (bytes); longer means the file is not a registration export.
    var maxCellBytes: Int = ValueLimits.maxCellBytes
    /// Most columns in a sheet.
    var maxColumns: Int = ValueLimits.maxColumns

    static let standard = XLSXLimits()
}

/// A zip archive held in memory: ZIPFoundation validates it and inflates; the local data offsets come from a
/// small bounds-checked central-directory reader, so that inflating never reads past an entry's compressed bytes.
struct ZipPackage {
    /// One file in the archive.
    struct Member: Sendable {
        var path: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let file: String
    let bytes: [UInt8]
    /// SHA-256 of the file bytes (computed on demand: a rejected file is never hashed).
    var sha256: String { SHA256.hex(bytes) }
    private(set) var members: [String: Member] = [:]
    let limits: XLSXLimits

    /// Reads and checks a file that should be an xlsx package.
    init(path: String, limits: XLSXLimits = .standard) throws {
        file = path
        self.limits = limits
        try FileChecks.checkReadable(path: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size > limits.maxFileBytes {
            throw IngestError(.limit, file: path, message: "the workbook is \(formatBytes(size)) (limit \(formatBytes(limits.maxFileBytes)))")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw IngestError(.fileAccess, file: path, message: "cannot read the file (\(FileChecks.reason(error)))")
        }
        bytes = [UInt8](data)
        guard !bytes.isEmpty else { throw IngestError(.empty, file: path, message: "the file is empty (0 bytes)") }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
                throw IngestError(.fileType, file: path, message: "not an xlsx workbook: a legacy Excel 97-2003 (.xls) or encrypted file; save it as .xlsx")
            }
            let looksText = !TextDecoding.looksBinary(bytes) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            if looksText {
                throw IngestError(.fileType, file: path, message: "not an xlsx workbook: the file is plain text (a CSV file renamed to .xlsx?); rename it to .csv")
            }
            throw IngestError(.fileType, file: path, message: "not an xlsx workbook: not a zip archive (binary data of another kind)")
        }
        // ZIPFoundation must accept the archive.
        let listed: [String: (compressed: UInt64, uncompressed: UInt64)]
        do {
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            var map: [String: (UInt64, UInt64)] = [:]
            for entry in archive where entry.type == .file {
                map[entry.path] = (entry.compressedSize, entry.uncompressedSize)
            }
            listed = map
        } catch {
            throw IngestError(.corruptWorkbook, file: path, message: "corrupt or truncated xlsx: not a readable zip archive (\(error))")
        }
        members = try Self.readCentralDirectory(bytes, file: path)
        for (name, member) in members {
            guard let sizes = listed[name] else { continue }
            if sizes.compressed != UInt64(member.compressedSize) || sizes.uncompressed != UInt64(member.uncompressedSize) {
                throw IngestError(.corruptWorkbook, file: path, message: "corrupt xlsx: the sizes of part \(name) disagree")
            }
        }
    }

    /// True when the archive holds a part.
    func contains(_ path: String) -> Bool { member(path) != nil }

    /// A part by name; part names are case-insensitive in a package.
    func member(_ path: String) -> Member? {
        if let m = members[path] { return m }
        let lower = path.lowercased()
        return members.first { $0.key.lowercased() == lower }?.value
    }

    /// Inflates one part into memory, enforcing the size and ratio limits while inflating.
    func read(_ path: String) throws -> [UInt8] {
        let (member, dataStart, dataEnd) = try locate(path)
        if member.method == 0 { return Array(bytes[dataStart..<dataEnd]) }
        var out: [UInt8] = []
        out.reserveCapacity(min(member.uncompressedSize, 64 << 20))
        try inflate(path: path, member: member, from: dataStart, to: dataEnd) { out.append(contentsOf: $0) }
        return out
    }

    /// Like `read`, but inflates on another thread into a `PartBuffer` that can be read while it fills.
    /// The checks before inflating throw here; an inflate error is the buffer's outcome.
    func readInBackground(_ path: String) throws -> PartBuffer {
        let (member, dataStart, dataEnd) = try locate(path)
        if member.method == 0 { return PartBuffer(complete: bytes[dataStart..<dataEnd]) }
        let buffer = PartBuffer(capacity: member.uncompressedSize)
        let package = self
        let thread = Thread {
            do {
                try package.inflate(path: path, member: member, from: dataStart, to: dataEnd) { buffer.append($0) }
                buffer.finish(nil)
            } catch let error as IngestError {
                buffer.finish(error)
            } catch {
                buffer.finish(IngestError(.corruptWorkbook, file: package.file, message: "corrupt xlsx: part \(path) cannot be inflated (\(error))"))
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
        return buffer
    }

    /// A part's member and the range of its compressed data, after the checks that need no inflating.
    private func locate(_ path: String) throws -> (Member, Int, Int) {
        guard let member = member(path) else { throw IngestError(.corruptWorkbook, file: file, message: "corrupt xlsx: part \(path) is missing") }
        if member.flags & 1 != 0 { throw IngestError(.fileType, file: file, message: "the workbook is encrypted (password protected); save it without a password") }
        if member.uncompressedSize > limits.maxEntryBytes {
            throw IngestError(.limit, file: file,
                message: "zip bomb protection: part \(path) declares \(formatBytes(member.uncompressedSize)) uncompressed (limit \(formatBytes(limits.maxEntryBytes)))")
        }
        if member.uncompressedSize > limits.ratioThresholdBytes,
            member.uncompressedSize / max(member.compressedSize, 1) > limits.maxCompressionRatio
        {
            throw IngestError(.limit, file: file,
                message: "zip bomb protection: part \(path) expands \(member.uncompressedSize / max(member.compressedSize, 1)):1 (limit \(limits.maxCompressionRatio):1)")
        }
        // Local header: signature, then name and extra lengths.
        let header = member.localHeaderOffset
        guard header >= 0, header + 30 <= bytes.count, Self.u32(bytes, header) == 0x0403_4B50 else {
            throw IngestError(.corruptWorkbook, file: file, message: "corrupt or truncated xlsx: the local header of part \(path) is missing")
        }
        let dataStart = header + 30 + Int(Self.u16(bytes, header + 26)) + Int(Self.u16(bytes, header + 28))
        let dataEnd = dataStart + member.compressedSize
        guard dataEnd <= bytes.count, dataStart <= dataEnd else {
            throw IngestError(.corruptWorkbook, file: file, message: "corrupt or truncated xlsx: part \(path) runs past the end of the file")
        }
        switch member.method {
        case 0:
            guard member.compressedSize == member.uncompressedSize else {
                throw IngestError(.corruptWorkbook, file: file, message: "corrupt xlsx: stored part \(path) has inconsistent sizes")
            }
            guard CRC32.checksum(bytes, from: dataStart, to: dataEnd) == member.crc32 else {
                throw IngestError(.corruptWorkbook, file: file, message: "corrupt xlsx: part \(path) fails its CRC-32 check")
            }
        case 8: break
        default:
            throw IngestError(.corruptWorkbook, file: file, message: "part \(path) uses an unsupported compression method (\(member.method))")
        }
        return (member, dataStart, dataEnd)
    }

    private struct Overflow: Error {}
    private struct InputExhausted: Error {}

    /// Inflates a deflated part, handing the bytes to `consume` chunk by chunk; checks the size and CRC-32 at the end.
    private func inflate(
        path: String, member: Member, from start: Int, to end: Int, consume: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws {
        let chunk = 256 * 1024
        let limit = min(member.uncompressedSize, limits.maxEntryBytes)
        var position = start
        let bytes = self.bytes
        var checksum: UInt32 = 0
        var count = 0
        do {
            // The provider always returns exactly the requested size (zlib is told that many bytes are there),
            // padding with zeros after the entry's data, and throws once the entry's data is used up.
            // ZIPFoundation's byte-at-a-time CRC-32 is skipped: `CRC32` checks the inflated bytes as they arrive.
            _ = try Data.decompress(
                size: Int64(member.compressedSize), bufferSize: chunk, skipCRC32: true,
                provider: { _, size in
                    guard position < end else { throw InputExhausted() }
                    let take = min(size, end - position)
                    var data = bytes.withUnsafeBufferPointer { Data(buffer: UnsafeBufferPointer(rebasing: $0[position..<(position + take)])) }
                    position += take
                    if take < size { data.append(Data(count: size - take)) }
                    return data
                },
                consumer: { data in
                    if count + data.count > limit { throw Overflow() }
                    count += data.count
                    data.withUnsafeBytes { raw in
                        let inflated = raw.bindMemory(to: UInt8.self)
                        checksum = CRC32.update(checksum, inflated)
                        consume(inflated)
                    }
                })
        } catch is Overflow {
            if limit == member.uncompressedSize {
                throw IngestError(.limit, file: file,
                    message: "zip bomb protection: part \(path) inflates to more than its declared \(formatBytes(member.uncompressedSize))")
            }
            throw IngestError(.limit, file: file, message: "zip bomb protection: part \(path) inflates past \(formatBytes(limits.maxEntryBytes))")
        } catch is InputExhausted {
            throw IngestError(.corruptWorkbook, file: file, message: "corrupt or truncated xlsx: part \(path) ends before its compressed data does")
        } catch {
            throw IngestError(.corruptWorkbook, file: file, message: "corrupt xlsx: part \(path) cannot be inflated (\(error))")
        }
        guard count == member.uncompressedSize else {
            throw IngestError(.corruptWorkbook, file: file,
                message: "corrupt xlsx: part \(path) inflates to \(count) bytes, \(member.uncompressedSize) declared")
        }
        guard checksum == member.crc32 else { throw IngestError(.corruptWorkbook, file: file, message: "corrupt xlsx: part \(path) fails its CRC-32 check") }
    }

    // MARK: - Central directory

    @inline(__always) static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    @inline(__always) static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
    @inline(__always) static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }

    /// Reads the central directory; every offset is checked against the buffer.
    static func readCentralDirectory(_ b: [UInt8], file: String) throws -> [String: Member] {
        let corrupt = IngestError(.corruptWorkbook, file: file, message: "corrupt or truncated xlsx: the zip directory is damaged")
        guard b.count >= 22 else { throw corrupt }
        var eocd = -1
        var i = b.count - 22
        let stop = max(0, b.count - 22 - 65_535)
        while i >= stop {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x05, b[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw corrupt }
        var count = Int(u16(b, eocd + 10))
        var offset = Int(u32(b, eocd + 16))
        if offset == 0xFFFF_FFFF || count == 0xFFFF, eocd >= 20, u32(b, eocd - 20) == 0x0706_4B50 {
            let z64 = u64(b, eocd - 12)
            guard b.count >= 56, z64 <= UInt64(b.count - 56), u32(b, Int(z64)) == 0x0606_4B50 else { throw corrupt }
            let c = u64(b, Int(z64) + 32), o = u64(b, Int(z64) + 48)
            guard c <= UInt64(b.count), o <= UInt64(b.count) else { throw corrupt }
            count = Int(c)
            offset = Int(o)
        }
        var members: [String: Member] = [:]
        var seen = Set<String>()
        var p = offset
        for _ in 0..<count {
            guard p >= 0, p + 46 <= b.count, u32(b, p) == 0x0201_4B50 else { throw corrupt }
            let flags = u16(b, p + 8)
            let method = u16(b, p + 10)
            let crc = u32(b, p + 16)
            var compressed = UInt64(u32(b, p + 20))
            var uncompressed = UInt64(u32(b, p + 24))
            let nameLength = Int(u16(b, p + 28)), extraLength = Int(u16(b, p + 30)), commentLength = Int(u16(b, p + 32))
            var local = UInt64(u32(b, p + 42))
            let nameStart = p + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= b.count else { throw corrupt }
            // ZIP64 extended information.
            var e = extraStart
            while e + 4 <= extraStart + extraLength {
                let id = u16(b, e), size = Int(u16(b, e + 2))
                guard e + 4 + size <= extraStart + extraLength else { break }
                if id == 0x0001 {
                    var q = e + 4
                    if uncompressed == 0xFFFF_FFFF, q + 8 <= e + 4 + size { uncompressed = u64(b, q); q += 8 }
                    if compressed == 0xFFFF_FFFF, q + 8 <= e + 4 + size { compressed = u64(b, q); q += 8 }
                    if local == 0xFFFF_FFFF, q + 8 <= e + 4 + size { local = u64(b, q); q += 8 }
                }
                e += 4 + size
            }
            guard compressed <= UInt64(Int.max / 2), uncompressed <= UInt64(Int.max / 2), local < UInt64(b.count) else { throw corrupt }
            let name = String(decoding: b[nameStart..<extraStart], as: UTF8.self)
            // Two entries of one name (part names are case-insensitive): which one a reader takes is up to it, so
            // a package that has them is refused rather than read one way here and another in Excel.
            guard seen.insert(name.lowercased()).inserted else {
                throw IngestError(
                    .corruptWorkbook, file: file,
                    message: "corrupt xlsx: the zip archive holds two entries named \(name) (a damaged or tampered file)")
            }
            members[name] = Member(
                path: name, method: method, flags: flags, crc32: crc, compressedSize: Int(compressed),
                uncompressedSize: Int(uncompressed), localHeaderOffset: Int(local))
            p = next
        }
        return members
    }
}

/// The bytes of a part in one fixed buffer, filled by an inflating thread while readers use the bytes already there.
///
/// The buffer never moves, so ranges and pointers into the bytes before `available` stay valid; the filling thread
/// writes only after them and publishes new bytes under the lock.
final class PartBuffer: @unchecked Sendable {
    /// The bytes (`capacity` of them at most).
    let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    // Guarded by `condition`: what the filling thread has published.
    private let condition = NSCondition()
    private var published = 0
    private var done = false
    private var failure: IngestError?
    /// The filling thread's own count (it alone touches it).
    private var written = 0

    /// An empty buffer for a filling thread (`append`, then `finish`).
    init(capacity: Int) {
        self.capacity = max(capacity, 0)
        base = .allocate(capacity: max(capacity, 1))
    }

    /// A buffer holding these bytes, complete.
    convenience init<C: Collection<UInt8>>(complete bytes: C) {
        self.init(capacity: bytes.count)
        _ = UnsafeMutableBufferPointer(start: base, count: capacity).initialize(from: bytes)
        written = capacity
        published = capacity
        done = true
    }

    deinit { base.deallocate() }

    /// Filling thread: appends bytes (never more than the capacity: the inflater stops at the declared size).
    func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard let source = chunk.baseAddress, !chunk.isEmpty else { return }
        precondition(written + chunk.count <= capacity, "a part inflates past its declared size")
        (base + written).update(from: source, count: chunk.count)
        written += chunk.count
        condition.lock()
        published = written
        condition.broadcast()
        condition.unlock()
    }

    /// Filling thread: the end, with the inflate error if there was one.
    func finish(_ error: IngestError?) {
        condition.lock()
        published = written
        failure = error
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until more than `count` bytes are there or the buffer is complete; throws the inflate error.
    func wait(beyond count: Int) throws -> (available: Int, complete: Bool) {
        condition.lock()
        defer { condition.unlock() }
        while published <= count && !done { condition.wait() }
        if let failure { throw failure }
        return (published, done)
    }

    /// Waits for the end; the inflate error, if there was one.
    func waitForEnd() -> IngestError? {
        condition.lock()
        defer { condition.unlock() }
        while !done { condition.wait() }
        return failure
    }
}
