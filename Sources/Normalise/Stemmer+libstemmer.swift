import CStemmer

/// A Snowball stemmer for one language (libstemmer). Not thread-safe: one instance per use.
///
/// This is the only file of the module that touches libstemmer pointers.
final class SnowballStemmer {
    private let handle: OpaquePointer

    /// A stemmer for `language` ("dutch", "english"), or `nil` when libstemmer does not know it.
    init?(language: String) {
        guard let handle = sb_stemmer_new(language, "UTF_8") else { return nil }
        self.handle = handle
    }

    deinit {
        sb_stemmer_delete(handle)
    }

    /// The stem of one lower-case word.
    func stem(_ word: String) -> String {
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

/// Dutch and English Snowball stems of folded tokens, cached. Not thread-safe: one instance per use.
final class TokenStemmer {
    private let dutch: SnowballStemmer?
    private let english: SnowballStemmer?
    private var cache: [String: Stems] = [:]

    /// The Dutch and English stem of one token.
    struct Stems: Hashable {
        var dutch: String
        var english: String
    }

    init() {
        dutch = SnowballStemmer(language: "dutch")
        english = SnowballStemmer(language: "english")
    }

    /// Both stems of a folded token (the token itself where a stemmer is missing).
    func stems(_ token: String) -> Stems {
        if let hit = cache[token] { return hit }
        let result = Stems(dutch: dutch?.stem(token) ?? token, english: english?.stem(token) ?? token)
        if cache.count > 200_000 { cache.removeAll(keepingCapacity: true) }
        cache[token] = result
        return result
    }
}
