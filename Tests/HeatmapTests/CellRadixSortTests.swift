@testable import HeatmapCore
import Testing

/// The batch tails' radix sort against the standard library's sort: keys shaped like the index's
/// (slot and area, grid cells, signed hex q/r halves, all equal, every bit random), at sizes on
/// both sides of the insertion-sort limit; each count travels with its key.
@Suite("Cell radix sort")
struct CellRadixSortTests {
    /// A fixed-seed generator (SplitMix64), so a failure repeats.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Draws keys shaped like the index's.
    enum Shape: CaseIterable {
        case typeAndArea, gridCell, signedHex, allEqual, random

        func draw(_ random: inout SplitMix) -> UInt64 {
            switch self {
            case .typeAndArea:
                return (random.next() % 40) << 32 | random.next() % 300
            case .gridCell:
                return UInt64(UInt32.max) << 32 | random.next() % 90_000
            case .signedHex:
                let q = UInt32(bitPattern: Int32(random.next() % 200) - 100), r = UInt32(bitPattern: Int32(random.next() % 200) - 100)
                return UInt64(q) << 32 | UInt64(r)
            case .allEqual:
                return 42
            case .random:
                return random.next()
            }
        }
    }

    @Test(arguments: [0, 1, 2, 31, 32, 33, 500, 20_000])
    func sortsLikeTheStandardLibrary(count: Int) {
        for (seed, shape) in Shape.allCases.enumerated() {
            var random = SplitMix(state: UInt64(count) &* 31 &+ UInt64(seed))
            var keys = (0..<count).map { _ in shape.draw(&random) }
            var counts = (0..<count).map { Int64($0) }
            let expected = zip(keys, counts).sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            CellRadixSort.sort(&keys, &counts)
            #expect(keys == expected.map(\.0), "\(shape), \(count) keys")
            #expect(counts == expected.map(\.1), "\(shape), \(count) counts (stable: equal keys keep their order)")
        }
    }
}
