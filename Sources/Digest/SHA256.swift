import CCrypto
import Foundation

/// A streaming SHA-256 over bytes, for the input files' fingerprints in the run manifest: OpenSSL's
/// (libcrypto, which libxlsxwriter already loads), using the CPU's SHA instructions where it has them.
public struct SHA256: Sendable {
    private var context: Context

    /// A fresh hasher.
    public init() {
        context = Context()
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: [UInt8]) {
        update(bytes, from: 0, to: bytes.count)
    }

    /// Adds `bytes[from..<to]` to the message.
    public mutating func update(_ bytes: [UInt8], from: Int, to: Int) {
        guard from < to else { return }
        precondition(from >= 0 && to <= bytes.count, "SHA256.update: range outside the bytes")
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        bytes.withUnsafeBytes { raw in
            let ok = EVP_DigestUpdate(context.handle, raw.baseAddress! + from, to - from)
            precondition(ok == 1, "EVP_DigestUpdate failed")
        }
    }

    /// Finishes the message and returns the digest as 64 lower-case hex digits; the hasher starts afresh.
    public mutating func finalizeHex() -> String {
        if !isKnownUniquelyReferenced(&context) { context = context.copy() }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context.handle, $0.baseAddress, &length) }
        precondition(ok == 1 && length == 32, "EVP_DigestFinal_ex failed")
        context = Context()
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest.prefix(32) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The hex digest of a whole byte sequence.
    public static func hex(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    /// The hex digest of `data`.
    public static func hex(of data: Data) -> String {
        hex([UInt8](data))
    }

    /// One OpenSSL digest context, freed with its owner; copied before a shared one changes.
    private final class Context: @unchecked Sendable {
        // Used by one hasher at a time: `SHA256` copies it before mutating a shared one.
        let handle: OpaquePointer

        init() {
            guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
                fatalError("OpenSSL could not create a SHA-256 context (out of memory)")
            }
            handle = context
        }

        private init(copying other: Context) {
            guard let context = EVP_MD_CTX_new(), EVP_MD_CTX_copy_ex(context, other.handle) == 1 else {
                fatalError("OpenSSL could not copy a SHA-256 context (out of memory)")
            }
            handle = context
        }

        func copy() -> Context { Context(copying: self) }

        deinit { EVP_MD_CTX_free(handle) }
    }
}
