import CStemmer

/// A Snowball stemmer for one language (libstemmer). Not thread-safe: one instance per use.
public final class SnowballStemmer {
    private let handle: OpaquePointer

    /// A stemmer for `language` ("dutch", "english"), or `nil` when libstemmer does not know it.
    public init?(language: String) {
        guard let handle = sb_stemmer_new(language, "UTF_8") else { return nil }
        self.handle = handle
    }

    deinit {
        sb_stemmer_delete(handle)
    }

    /// The stem of one lower-case word (UTF-8).
    public func stem(_ word: String) -> String {
        if word.isEmpty { return word }
        var bytes = Array(word.utf8)
        let count = Int32(bytes.count)
        return bytes.withUnsafeMutableBufferPointer { buffer -> String in
            guard let base = buffer.baseAddress, let out = sb_stemmer_stem(handle, base, count) else { return word }
            let length = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self)
        }
    }
}
