import Snowball

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
