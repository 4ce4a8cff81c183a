import WerksessiesModel

/// Everything the Ingest stage keeps across files: winners per e-mail, counts, diagnostics.
struct RegistrationMerger {
    private(set) var registrations: [Registration] = []
    private var slots = EmailSlots()
    var counts = IngestCounts()
    var diagnostics: [Diagnostic] = []

    /// Reserves room for about `rows` registrations.
    mutating func reserve(_ rows: Int) {
        let n = min(max(rows, 0), 4_000_000)
        registrations.reserveCapacity(n)
        slots.reserve(n)
    }

    /// Adds a valid registration; the later one (by `submittedAt`, else input order) wins.
    /// `keyHash` is `registration.emailKey.hashValue`, computed by the caller (in parallel).
    mutating func add(_ registration: Registration, keyHash: Int) {
        // One probe sequence for a new e-mail: the registrations with the same hash are compared (only then is the
        // key read), then the index goes into the free slot the probe ended at.
        var probe = slots.probe(keyHash)
        var found: Int?
        while let candidate = slots.next(&probe, hash: keyHash) {
            if registrations[candidate].emailKey == registration.emailKey {
                found = candidate
                break
            }
        }
        guard let existing = found else {
            slots.insert(at: probe, hash: keyHash, index: registrations.count)
            registrations.append(registration)
            return
        }
        let current = registrations[existing]
        let newWins: Bool
        if let a = current.submittedAt, let b = registration.submittedAt, a != b {
            newWins = b > a
        } else {
            newWins = true  // equal or missing time: input order, the later row wins
        }
        let (winner, loser) = newWins ? (registration, current) : (current, registration)
        if newWins { registrations[existing] = registration }
        counts.duplicatesMerged += 1
        diagnostics.append(Diagnostic(
            file: loser.source.file, sheet: loser.source.sheet, row: loser.source.row, column: nil, severity: .info,
            code: "duplicate_merged",
            message: "an older registration of this e-mail; the one in \(Self.location(winner.source)) counts",
            value: loser.email))
    }

    private static func location(_ source: SourceRef) -> String {
        var text = source.file
        if let sheet = source.sheet { text += ":\(sheet)" }
        return text + " row \(source.row)"
    }

    /// Final counts: cancellations among the winners.
    mutating func finish() -> IngestResult {
        counts.cancelled = registrations.reduce(0) { $0 + ($1.cancelled ? 1 : 0) }
        return IngestResult(registrations: registrations, diagnostics: diagnostics, counts: counts, files: [])
    }
}

/// The merger's index of registrations by the hash of their e-mail key: open addressing with linear probing over
/// the hashes computed beforehand, so that no string is hashed, stored or reference-counted here; the merger
/// compares the keys of the registrations whose hash matches.
struct EmailSlots {
    /// Per slot the full hash and the registration index + 1 (0: free); the count of slots is a power of two.
    private var hashes: [Int] = []
    private var indices: [Int32] = []
    private var count = 0

    /// Where a look-up is in its probe sequence.
    struct Probe {
        fileprivate var slot: Int
    }

    /// Makes room for `n` registrations without growing.
    mutating func reserve(_ n: Int) {
        var size = 16
        while size < n * 2 { size <<= 1 }
        if size > indices.count { rehash(size) }
    }

    /// Starts the probe sequence of a hash.
    func probe(_ hash: Int) -> Probe {
        Probe(slot: indices.isEmpty ? 0 : hash & (indices.count - 1))
    }

    /// The next registration index with this hash, or nil at the free slot that ends the sequence.
    func next(_ probe: inout Probe, hash: Int) -> Int? {
        guard !indices.isEmpty else { return nil }
        let mask = indices.count - 1
        while indices[probe.slot] != 0 {
            let slot = probe.slot
            probe.slot = (slot + 1) & mask
            if hashes[slot] == hash { return Int(indices[slot]) - 1 }
        }
        return nil
    }

    /// Records a registration index in the free slot a probe ended at (after `next` returned nil).
    mutating func insert(at probe: Probe, hash: Int, index: Int) {
        precondition(index < Int(Int32.max), "too many registrations")
        if (count + 1) * 2 > indices.count {
            rehash(max(16, indices.count * 2))
            var again = self.probe(hash)
            while next(&again, hash: hash) != nil {}
            store(again.slot, hash: hash, index: index)
        } else {
            store(probe.slot, hash: hash, index: index)
        }
        count += 1
    }

    private mutating func store(_ slot: Int, hash: Int, index: Int) {
        hashes[slot] = hash
        indices[slot] = Int32(index + 1)
    }

    private mutating func rehash(_ size: Int) {
        let oldHashes = hashes, oldIndices = indices
        hashes = Array(repeating: 0, count: size)
        indices = Array(repeating: 0, count: size)
        let mask = size - 1
        for k in oldIndices.indices where oldIndices[k] != 0 {
            var slot = oldHashes[k] & mask
            while indices[slot] != 0 { slot = (slot + 1) & mask }
            hashes[slot] = oldHashes[k]
            indices[slot] = oldIndices[k]
        }
    }
}
