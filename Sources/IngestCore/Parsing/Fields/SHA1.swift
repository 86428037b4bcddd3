/// SHA-1 (FIPS 180-4), used only to give key-less rows a stable content key (`sha1:<40 hex>`).
///
/// Not for security: it names rows, it does not protect them. Written here so IngestCore needs no
/// crypto library; checked against the FIPS test vectors in the tests.
public struct SHA1Digest: Hashable, Sendable, CustomStringConvertible {
    public let words: (UInt32, UInt32, UInt32, UInt32, UInt32)

    public static func == (lhs: SHA1Digest, rhs: SHA1Digest) -> Bool {
        lhs.words == rhs.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
        hasher.combine(words.4)
    }

    /// 40 lowercase hex digits.
    public var description: String {
        [words.0, words.1, words.2, words.3, words.4].map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> SHA1Digest {
        var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
        var block = [UInt8](repeating: 0, count: 64)
        var offset = 0
        while offset + 64 <= bytes.count {
            for index in 0..<64 { block[index] = bytes[offset + index] }
            compress(&state, block)
            offset += 64
        }
        let remaining = bytes.count - offset
        var tail = [UInt8](repeating: 0, count: remaining < 56 ? 64 : 128)
        for index in 0..<remaining { tail[index] = bytes[offset + index] }
        tail[remaining] = 0x80
        let bitLength = UInt64(bytes.count) &* 8
        for index in 0..<8 { tail[tail.count - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(index))) }
        compress(&state, Array(tail[0..<64]))
        if tail.count == 128 { compress(&state, Array(tail[64..<128])) }
        return SHA1Digest(words: state)
    }

    /// The digest of a string's UTF-8.
    public static func hash(_ text: String) -> SHA1Digest {
        Array(text.utf8).withUnsafeBufferPointer { hash($0) }
    }

    private static func compress(_ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32), _ block: [UInt8]) {
        var w = [UInt32](repeating: 0, count: 80)
        for index in 0..<16 {
            w[index] = UInt32(block[4 * index]) << 24 | UInt32(block[4 * index + 1]) << 16
                | UInt32(block[4 * index + 2]) << 8 | UInt32(block[4 * index + 3])
        }
        for index in 16..<80 {
            let mixed = w[index - 3] ^ w[index - 8] ^ w[index - 14] ^ w[index - 16]
            w[index] = mixed << 1 | mixed >> 31
        }
        var (a, b, c, d, e) = state
        for index in 0..<80 {
            let (f, k): (UInt32, UInt32)
            switch index {
            case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
            case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
            case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
            default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
            }
            let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[index]
            e = d
            d = c
            c = b << 30 | b >> 2
            b = a
            a = temp
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }
}
