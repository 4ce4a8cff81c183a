/// The project's one seeded pseudo-random generator (SplitMix64): the same seed gives the same sequence.
///
/// Written out so that generated samples, the board's lottery and the tests never depend on the standard
/// library's own generators or shuffling.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state; it advances by a fixed odd constant on every draw.
    public var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0) from the top 53 bits, as the lottery has always drawn it.
    public mutating func below(_ bound: Int) -> Int { Int((next() >> 11) % UInt64(bound)) }
}
