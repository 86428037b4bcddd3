import Contracts

/// The GetBeatHeatmap reply written straight from a ``BeatHeatmap`` in protobuf's encoding of
/// `crimescope.heatmap.v1.BeatHeatmapResponse`: the same bytes protobuf-c packs from a
/// `BeatHeatmapResponse` (HeatmapTests check it), without building the Swift and C copies of
/// every area first (they were most of the service's CPU per call under bench/gateway).
struct BeatHeatmapReply: ProtoMessage {
    static let protoName = BeatHeatmapResponse.protoName

    private(set) var bytes: [UInt8]

    /// The reply to `request` (echoed as its filters) with `result`, in `timeZone`, computed from
    /// the index at outbox `position`.
    init(_ result: BeatHeatmap, request: BeatHeatmapRequest, timeZone: String, position: Int64 = 0) {
        let filters = request.serializedBytes()
        var size = 0
        for area in result.areas {
            size += Self.fieldSize(Self.areaSize(area.area, area.counts))
        }
        let crimeTypeSizes = result.crimeTypes.map { Self.stringSize(1, $0.primaryType) + Self.varintFieldSize($0.incidents) }
        size += Self.fieldSize(Self.countsSize(result.total)) + Self.varintFieldSize(result.maxIncidents) + Self.fieldSize(filters.count)
            + crimeTypeSizes.reduce(0) { $0 + Self.fieldSize($1) } + Self.stringSize(6, timeZone) + Self.varintFieldSize(position)
        bytes = []
        bytes.reserveCapacity(size)
        for area in result.areas {
            lengthPrefix(1, Self.areaSize(area.area, area.counts))
            string(1, area.area)
            counts(2, area.counts)
        }
        counts(2, result.total)
        varint(3, result.maxIncidents)
        lengthPrefix(4, filters.count)
        bytes.append(contentsOf: filters)
        for (crimeType, size) in zip(result.crimeTypes, crimeTypeSizes) {
            lengthPrefix(5, size)
            string(1, crimeType.primaryType)
            varint(2, crimeType.incidents)
        }
        string(6, timeZone)
        varint(7, position)
    }

    init(serializedBytes bytes: [UInt8]) throws(ProtoDecodingError) {
        _ = try BeatHeatmapResponse(serializedBytes: bytes)
        self.bytes = bytes
    }

    func serializedBytes() -> [UInt8] { bytes }

    // MARK: Sizes (proto3: zero numbers and empty strings are left out; messages always written)

    private static func varintSize(_ value: UInt64) -> Int {
        var size = 1, rest = value >> 7
        while rest != 0 {
            size += 1
            rest >>= 7
        }
        return size
    }

    /// A tag and a length-delimited body of `size` bytes.
    private static func fieldSize(_ size: Int) -> Int { 1 + varintSize(UInt64(size)) + size }

    private static func varintFieldSize(_ value: Int64) -> Int {
        value == 0 ? 0 : 1 + varintSize(UInt64(bitPattern: value))
    }

    private static func stringSize(_ field: Int, _ text: String) -> Int {
        text.utf8.isEmpty ? 0 : fieldSize(text.utf8.count)
    }

    private static func countsSize(_ counts: RollupCounts) -> Int {
        varintFieldSize(counts.incidents) + varintFieldSize(counts.arrests) + varintFieldSize(counts.domestic)
    }

    private static func areaSize(_ area: String, _ counts: RollupCounts) -> Int {
        stringSize(1, area) + fieldSize(countsSize(counts))
    }

    // MARK: Writing (fields 1-15: one-byte tags)

    private mutating func rawVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private mutating func lengthPrefix(_ field: UInt8, _ size: Int) {
        bytes.append(field << 3 | 2)
        rawVarint(UInt64(size))
    }

    private mutating func varint(_ field: UInt8, _ value: Int64) {
        guard value != 0 else { return }
        bytes.append(field << 3)
        rawVarint(UInt64(bitPattern: value))
    }

    private mutating func string(_ field: UInt8, _ text: String) {
        guard !text.utf8.isEmpty else { return }
        lengthPrefix(field, text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func counts(_ field: UInt8, _ counts: RollupCounts) {
        lengthPrefix(field, Self.countsSize(counts))
        varint(1, counts.incidents)
        varint(2, counts.arrests)
        varint(3, counts.domestic)
    }
}
