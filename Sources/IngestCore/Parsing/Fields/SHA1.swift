import Crypto

/// SHA-1 (FIPS 180-4, swift-crypto's `Insecure.SHA1`), used only to give key-less rows a stable
/// content key (`sha1:<40 hex>`): it names rows, it does not protect them. The digest is kept as
/// five words so it hashes and compares cheaply in the parser's duplicate tables; checked against
/// the FIPS test vectors and the keys stored before in the tests.
package struct SHA1Digest: Hashable, Sendable, CustomStringConvertible {
    let words: (UInt32, UInt32, UInt32, UInt32, UInt32)

    package static func == (lhs: SHA1Digest, rhs: SHA1Digest) -> Bool {
        lhs.words == rhs.words
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
        hasher.combine(words.4)
    }

    /// 40 lowercase hex digits.
    package var description: String {
        [words.0, words.1, words.2, words.3, words.4].map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    /// The digest of `bytes`.
    package static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> SHA1Digest {
        let digest = Insecure.SHA1.hash(data: UnsafeRawBufferPointer(bytes))
        var words: [UInt32] = []
        words.reserveCapacity(5)
        var word: UInt32 = 0
        for (index, byte) in digest.enumerated() {
            word = word << 8 | UInt32(byte)
            if index % 4 == 3 { words.append(word); word = 0 }
        }
        return SHA1Digest(words: (words[0], words[1], words[2], words[3], words[4]))
    }

    /// The digest of a string's UTF-8 bytes.
    package static func hash(_ text: String) -> SHA1Digest {
        var text = text
        return text.withUTF8 { hash($0) }
    }
}
