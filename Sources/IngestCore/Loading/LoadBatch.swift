import Postgres

/// One batch as the parser thread cut it: its records' binary COPY fields back to back
/// (``LoadRowEncoder``), a ``LoadRow`` per record, and the accounting of the rest.
struct LoadBatch: Sendable {
    var bytes: [UInt8] = []
    var rows: [LoadRow] = []
    var tally = BatchTally()
    /// Set by ``prepare()``: the positions of `rows` in the order of their keys' bytes, and the
    /// keys in that order as one text-array parameter (``LoadSQL/probeKeys``).
    var keyOrder: [Int] = []
    var keysLiteral = "{}"

    /// Done by the parser thread once the batch is complete, so the writer (the load's critical
    /// path) finds it done: keeps only each key's latest version, orders the keys and writes them
    /// as an array literal, sorted so that consecutive probes and key inserts descend the key
    /// index to neighbouring pages.
    mutating func prepare() {
        let kept = latestVersions()
        let order = Self.keyOrder(kept.map(\.key))
        keysLiteral = PostgresArrayLiteral.text(order.lazy.map { Optional(kept[$0].key) })
        rows = kept
        keyOrder = order
    }

    /// The positions of `keys` in the order of their bytes (the key index's `COLLATE "C"`): by
    /// their first eight bytes, then by all of them where those are equal.
    static func keyOrder(_ keys: [String]) -> [Int] {
        var prefixed: [(prefix: UInt64, index: Int)] = []
        prefixed.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() {
            var prefix: UInt64 = 0, taken = 0
            for byte in key.utf8.prefix(8) {
                prefix = prefix << 8 | UInt64(byte)
                taken += 1
            }
            prefixed.append((prefix << (8 * UInt64(8 - taken)), index))
        }
        prefixed.sort { left, right in
            if left.prefix != right.prefix { return left.prefix < right.prefix }
            return keys[left.index].utf8.lexicographicallyPrecedes(keys[right.index].utf8)
        }
        return prefixed.map(\.index)
    }

    /// The rows to write: all of them, or when a key repeats (``BatchTally/repeatsKey``) only each
    /// key's latest version — the greatest `updatedOn` (a row without one is older than any with
    /// one), then the last line.
    func latestVersions() -> [LoadRow] {
        guard tally.repeatsKey else { return rows }
        var kept: [String: Int] = [:]
        kept.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            guard let previous = kept[row.key] else {
                kept[row.key] = index
                continue
            }
            let stored = rows[previous]
            let newer = switch (row.updatedOn, stored.updatedOn) {
            case (nil, .some): false
            case (.some, nil): true
            case (.some(let new), .some(let old)): new > old || (new == old && row.line >= stored.line)
            case (nil, nil): row.line >= stored.line
            }
            if newer { kept[row.key] = index }
        }
        return kept.values.sorted().map { rows[$0] }
    }
}

/// What the writer needs of one record apart from its encoded fields: the key and content hash
/// (to classify it as new, unchanged or differing), where its fields lie in ``LoadBatch/bytes``,
/// and the aggregated fields of its outbox delta.
struct LoadRow: Sendable {
    var key: String
    var hash: Int64
    /// The fields before the area are `bytes[start..<areaStart]`, the reported area field
    /// `bytes[areaStart..<areaEnd]`, the fields after it (line number last) `bytes[areaEnd..<end]`.
    var start: Int
    var areaStart: Int
    var areaEnd: Int
    var end: Int
    var line: Int
    var updatedOn: Int64?
    var reportedArea: String?
    /// Both nil when the record has no (finite) location.
    var lon: Double?
    var lat: Double?
    var primaryType: String?
    var category: String?
    /// Wall-clock seconds since 1970.
    var occurred: Int64
    var monthOnly: Bool
    var arrest: Bool
    var domestic: Bool

    /// Whether its area is the polygon containing it: no reported area, a location.
    var needsPlacement: Bool { reportedArea == nil && lon != nil }
}
