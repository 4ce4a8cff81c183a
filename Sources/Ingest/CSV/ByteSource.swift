import Foundation

/// A source of byte chunks: a file read piece by piece, or bytes in memory.
struct ByteSource {
    private var handle: FileHandle?
    private var bytes: [UInt8]?
    private let chunkSize: Int

    init(handle: FileHandle, chunkSize: Int = 1 << 20) {
        self.handle = handle
        self.chunkSize = chunkSize
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.chunkSize = 1 << 20
    }

    /// The next chunk, empty at the end.
    mutating func next() throws -> [UInt8] {
        if let handle {
            guard let data = try handle.read(upToCount: chunkSize), !data.isEmpty else { return [] }
            return [UInt8](data)
        }
        if let all = bytes {
            bytes = nil
            return all
        }
        return []
    }

    func close() { try? handle?.close() }
}
