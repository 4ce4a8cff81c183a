/// Edit distances and similarity for fuzzy matching.
public enum EditDistance {
    /// The edits allowed for a typo in a word of `length` characters: 0 up to 4, 1 up to 8, 2 beyond.
    public static func maxEdits(forLength length: Int) -> Int {
        length <= 4 ? 0 : (length <= 8 ? 1 : 2)
    }

    /// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions, each
    /// substring edited once) between two strings, compared by Unicode scalar.
    public static func osa(_ a: String, _ b: String) -> Int {
        osa(Array(a.unicodeScalars.map(\.value)), Array(b.unicodeScalars.map(\.value)), limit: Int.max - 1)
    }

    /// Optimal string alignment distance, or `limit + 1` as soon as it is certain to exceed `limit`.
    static func osa(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int {
        let n = a.count
        let m = b.count
        if abs(n - m) > limit { return limit + 1 }
        if n == 0 { return m }
        if m == 0 { return n }
        var previous2 = [Int](repeating: 0, count: m + 1)
        var previous = [Int](0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            current[0] = i
            var rowMinimum = i
            let ai = a[i - 1]
            for j in 1...m {
                let cost = ai == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, ai == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous2, &previous)
            swap(&previous, &current)
        }
        return previous[m]
    }

    /// Character trigrams of a string (padded at both ends), as sorted hashed values.
    static func trigrams(_ scalars: [UInt32]) -> [UInt64] {
        let padded: [UInt32] = [0x5E, 0x5E] + scalars + [0x24, 0x24]
        var out: [UInt64] = []
        out.reserveCapacity(padded.count)
        for i in 0..<(padded.count - 2) {
            out.append(UInt64(padded[i]) << 42 | UInt64(padded[i + 1]) << 21 | UInt64(padded[i + 2]))
        }
        out.sort()
        return out
    }
}
