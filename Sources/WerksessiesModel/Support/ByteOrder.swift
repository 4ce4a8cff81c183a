/// Ordering of strings by their UTF-8 bytes (memcmp order): locale-free, the same on every machine,
/// and for the ASCII participant ids the same as `String`'s own `<`.
public enum ByteOrder {
    /// Negative, zero or positive as `a` sorts before, with or after `b`.
    public static func compare(_ a: String, _ b: String) -> Int {
        var x = a.utf8.makeIterator()
        var y = b.utf8.makeIterator()
        while true {
            switch (x.next(), y.next()) {
            case let (p?, q?) where p != q: return Int(p) - Int(q)
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            default: continue
            }
        }
    }

    /// Indices of `keys` in byte order, equal keys in index order. Sorts on a 64-bit prefix of each key
    /// first: at a million keys, comparing whole strings (each on its own heap block) is the slow part.
    public static func sortedIndices(_ keys: [String]) -> [Int] {
        let prefix = keys.map { key -> UInt64 in
            var value: UInt64 = 0
            var taken = 0
            for byte in key.utf8 {
                if taken == 8 { break }
                value = value << 8 | UInt64(byte)
                taken += 1
            }
            return taken == 0 ? 0 : value << (8 * UInt64(8 - taken))
        }
        return keys.indices.sorted { a, b in
            if prefix[a] != prefix[b] { return prefix[a] < prefix[b] }
            let order = compare(keys[a], keys[b])
            return order != 0 ? order < 0 : a < b
        }
    }
}
