import WerksessiesModel

/// Reusable buffers to compute a participant's interest fit per session without allocating.
struct ScoreScratch {
    let model: PreparedModel
    private var weights: [Int]
    private var first = 0
    private var last = 0

    init(model: PreparedModel) {
        self.model = model
        weights = [Int](repeating: 0, count: max(1, model.keywordNames.count))
    }

    /// Selects participant i.
    mutating func load(participant i: Int) {
        first = Int(model.interestStart[i])
        last = Int(model.interestStart[i + 1])
    }

    /// The loaded participant's interests that are keywords of session index s, sorted.
    func matchedKeywords(session s: Int) -> [String] {
        let S = model.sessionCount
        var out: [String] = []
        for j in first..<last {
            let k = Int(model.interestList[j])
            if model.keywordInSession[k * S + s] { out.append(model.keywordNames[k]) }
        }
        if out.count > 1 { out.sort() }
        return out
    }

    /// Interest fit of the loaded participant in session index s.
    mutating func fit(session s: Int) -> Int {
        let S = model.sessionCount
        let list = model.interestList
        let inSession = model.keywordInSession
        let keywordWeight = model.keywordWeight
        let scales = model.decayScale
        let (first, last) = (self.first, self.last)
        // The buffer is moved out and back, so that writing it never copies it.
        var buffer: [Int] = []
        swap(&buffer, &weights)
        defer { swap(&buffer, &weights) }
        var count = 0
        for j in first..<last {
            let k = Int(list[j])
            guard inSession[k * S + s] else { continue }
            // Insertion keeps the weights sorted descending.
            let w = keywordWeight[k]
            var at = count
            while at > 0 && buffer[at - 1] < w {
                buffer[at] = buffer[at - 1]
                at -= 1
            }
            buffer[at] = w
            count += 1
        }
        var total = 0
        for i in 0..<count {
            if i >= scales.count || scales[i] == 0 { break }
            total += (buffer[i] * scales[i] + 500_000) / 1_000_000
        }
        return total
    }
}
