import Ingest

/// The keys a YAML file may hold, so that a typo or a key of a newer version is an error, not ignored.
indirect enum YAMLShape: Sendable {
    /// A scalar (or anything the decoder checks itself).
    case scalar
    /// A list of values of one shape.
    case list(YAMLShape)
    /// A mapping with these keys only.
    case record([String: YAMLShape])
    /// A mapping with any keys from `keys` (all of them when nil), values of one shape.
    case dictionary(keys: [String]?, YAMLShape)
    /// A scalar, or a value of this shape.
    case scalarOr(YAMLShape)

    /// `sessions.yml`.
    static let catalog: YAMLShape = .record([
        "event": .scalar, "intro": .scalar,
        "organisations": .list(.record(["id": .scalar, "name": .scalar, "abbreviation": .scalar, "family": .scalar])),
        "sessions": .list(
            .record([
                "id": .scalar, "title": .scalar, "capacity": .scalar, "minimum": .scalar, "trekkers": .list(.scalar),
                "trekkers_text": .scalar, "ism": .list(.scalar), "toelichting": .scalar, "special_moment": .scalar,
                "eligibility": .list(.record(["rule": .scalar, "values": .list(.scalar), "label": .scalar])),
                "steekwoorden": .list(.record(["id": .scalar, "label": .scalar])),
            ])),
    ])

    /// `taxonomy.yml`.
    static let taxonomy: YAMLShape = .record([
        "families": .list(.record(["id": .scalar, "label": .scalar])),
        "disciplines": .list(.record(["id": .scalar, "label": .scalar, "family": .scalar, "synonyms": .list(.scalar)])),
        "keywords": .list(.record(["id": .scalar, "label": .scalar, "synonyms": .list(.scalar)])),
        "non_answers": .list(.scalar),
    ])

    /// `nightly.yml`.
    static let pipeline: YAMLShape = .record([
        "inputs": .list(.scalarOr(.record(["path": .scalar, "sheet": .scalar]))),
        "catalog": .scalar, "taxonomy": .scalar, "corrections": .scalar, "output": .scalar, "state": .scalar,
        "keep_runs": .scalar,
        "columns": .dictionary(keys: IngestOptions.columnFields, .list(.scalar)),
        "status": .record(["cancelled": .list(.scalar), "confirmed": .list(.scalar)]),
        "pins": .list(.scalar),
        "weights": .record([
            "interest": .scalar, "interest_decay_percent": .scalar, "challenge": .scalar,
            "diversity": .scalar, "diversity_shares": .list(.scalar), "diversity_steps": .list(.scalar), "stability": .scalar,
            "waitlist": .scalar,
        ]),
        "metrics": .record(["same_family_distance": .scalar]),
        "reports": .record([
            "language": .scalar, "csv_dialect": .scalar, "small_cell_threshold": .scalar, "author": .scalar,
            "company": .scalar, "contact": .scalar,
        ]),
        "guards": .record(["max_shrink_percent": .scalar]),
        "partners": .record(["without_consent": .scalar, "include_ism": .scalar]),
    ])
}

/// The known key nearest to a mistyped one (edit distance at most 2, or a prefix), for "did you mean".
enum NearestKey {
    static func to(_ key: String, among known: [String]) -> String? {
        let scored = known.map { ($0, distance(key.lowercased(), $0)) }.filter { $0.1 <= 2 || $0.0.hasPrefix(key) }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    /// Optimal string alignment distance (a swap of two neighbours counts once, as in `capactiy`).
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        guard !x.isEmpty, !y.isEmpty else { return max(x.count, y.count) }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { rows[i][0] = i }
        for j in 0...y.count { rows[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var best = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { best = min(best, rows[i - 2][j - 2] + 1) }
                rows[i][j] = best
            }
        }
        return rows[x.count][y.count]
    }
}
