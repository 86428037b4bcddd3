/// The distinct names (areas, primary types, categories) of one outbox entry, each given an index
/// on first sight, read straight from the bytes of a ``SentArray`` element: an entry of 10,000
/// deltas has a few hundred distinct names, so each is made a String once.
struct OutboxNames {
    private(set) var names: [String] = []
    /// The indices of the names with each FNV-1a hash of their bytes (almost always one).
    private var indices: [UInt64: [UInt32]] = [:]

    /// The index of the name in `bytes` (NULL reads as the empty name), added when new.
    mutating func index(of bytes: UnsafeBufferPointer<UInt8>?) -> UInt32 {
        let bytes = bytes ?? UnsafeBufferPointer(start: nil, count: 0)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        if let candidates = indices[hash] {
            for index in candidates where names[Int(index)].utf8.elementsEqual(bytes) { return index }
        }
        let index = UInt32(names.count)
        names.append(String(decoding: bytes, as: UTF8.self))
        indices[hash, default: []].append(index)
        return index
    }
}
