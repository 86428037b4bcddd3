extension CityRollupIndex {
    /// The first bytes of an encoded city index, with the format version.
    static let snapshotMagic: [UInt8] = Array("CSIX".utf8) + [1]

    /// The whole city index as compact bytes: the interned names in slot order (so slots decode
    /// unchanged), the beat grain's cells per year, the month totals, the extent, and every
    /// bucketed rollup as sorted keys (delta-encoded varints) and zigzag counts. A Chicago year
    /// takes a few bytes per cell (docs/BENCHMARKS.md, Heatmap: snapshot + log).
    func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: cellCount * 6 + 1_024)
        for byte in Self.snapshotMagic { writer.byte(byte) }
        writer.string(city)
        for names in [areas, types, groups] {
            writer.unsigned(names.count)
            for slot in 0..<names.count { writer.string(names[slot]) }
        }
        if let extent {
            writer.byte(1)
            for value in [extent.minLon, extent.minLat, extent.maxLon, extent.maxLat] { writer.double(value) }
        } else {
            writer.byte(0)
        }
        writer.unsigned(years.count)
        for (year, cells) in years {
            writer.signed(year)
            writer.unsigned(cells.cellCount)
            cells.forEachCell { cell in
                writer.unsigned(Int(cell.area))
                writer.unsigned(Int(cell.primaryType))
                writer.signed(Int(cell.hour))
                cell.counts.encode(into: &writer)
            }
        }
        writer.unsigned(monthIncidents.count)
        for (month, incidents) in monthIncidents {
            writer.signed(month)
            writer.signed(incidents)
        }
        Self.encode(window, into: &writer) { bucket, writer in
            writer.byte(UInt8(bucket.grain.rawValue))
            writer.signed(bucket.start)
        }
        Self.encode(hourly, into: &writer) { start, writer in writer.signed(start) }
        Self.encode(grids, into: &writer) { month, writer in writer.signed(month) }
        Self.encode(series, into: &writer) { week, writer in writer.signed(week) }
        Self.encode(hex, into: &writer) { bucket, writer in
            writer.signed(bucket.month)
            writer.unsigned(UInt64(bucket.type))
        }
        return writer.bytes
    }

    /// Decodes ``encoded()``.
    /// - Throws: ``SnapshotFormatError`` on any bytes ``encoded()`` cannot have written.
    package static func decode(_ bytes: [UInt8]) throws(SnapshotFormatError) -> CityRollupIndex {
        var reader = ByteReader(bytes)
        for byte in snapshotMagic {
            guard try reader.byte() == byte else {
                throw SnapshotFormatError("not a city index snapshot of format \(snapshotMagic.last ?? 0)")
            }
        }
        var index = CityRollupIndex(city: try reader.string())
        for keyPath in [\CityRollupIndex.areas, \.types, \.groups] {
            let count = try reader.count()
            for slot in 0..<count {
                let name = try reader.string()
                guard index[keyPath: keyPath].intern(name) == Int32(slot) else { throw SnapshotFormatError("name '\(name)' twice") }
            }
        }
        if try reader.byte() == 1 {
            index.extent = RollupBatch.Extent(minLon: try reader.double(), minLat: try reader.double(),
                                              maxLon: try reader.double(), maxLat: try reader.double())
        }
        let areaCount = index.areas.count, typeCount = index.types.count
        for _ in 0..<(try reader.count()) {
            let year = Int(try reader.signed())
            var cells = YearCells()
            for _ in 0..<(try reader.count()) {
                let area = try reader.count(limit: areaCount - 1), type = try reader.count(limit: typeCount - 1)
                let hour = try reader.signed()
                guard (-1...23).contains(hour) else { throw SnapshotFormatError("hour \(hour)") }
                cells.add(RollupCellKey(area: Int32(area), primaryType: Int32(type), hour: Int8(hour)), try RollupCounts.decode(from: &reader))
            }
            index.years[year] = cells
        }
        for _ in 0..<(try reader.count()) {
            index.monthIncidents[Int(try reader.signed())] = try reader.signed()
        }
        // Keys index the name tables when read: each must name a slot that exists.
        let groupCount = index.groups.count
        func areaKey(types: Int, allowAll: Bool) -> (UInt64) -> Bool {
            { key in
                let high = UInt32(truncatingIfNeeded: key >> 32), low = UInt32(truncatingIfNeeded: key)
                return Int(low) < areaCount && (Int(high) < types || (allowAll && high == allTypesSlot))
            }
        }
        let typeKey: (UInt64) -> Bool = { key in
            let high = UInt32(truncatingIfNeeded: key >> 32)
            return Int(high) < typeCount || high == allTypesSlot
        }
        index.window = try decodeBuckets(&reader, valid: areaKey(types: typeCount, allowAll: true)) { reader throws(SnapshotFormatError) in
            guard let grain = WindowGrain(rawValue: Int(try reader.byte())), grain != .hourly else {
                throw SnapshotFormatError("bad window grain")
            }
            return WindowBucket(grain: grain, start: try reader.signed())
        }
        index.hourly = try decodeBuckets(&reader, valid: areaKey(types: typeCount, allowAll: false)) { reader throws(SnapshotFormatError) in try reader.signed() }
        index.grids = try decodeBuckets(&reader, valid: typeKey) { reader throws(SnapshotFormatError) in Int(try reader.signed()) }
        index.series = try decodeBuckets(&reader, valid: areaKey(types: groupCount, allowAll: false)) { reader throws(SnapshotFormatError) in try reader.signed() }
        index.hex = try decodeBuckets(&reader, valid: { _ in true }) { reader throws(SnapshotFormatError) in
            let month = Int(try reader.signed()), type = try reader.count(limit: Int(UInt32.max))
            guard type < typeCount || type == Int(allTypesSlot) else { throw SnapshotFormatError("hex type slot \(type)") }
            return HexBucket(month: month, type: UInt32(type))
        }
        guard reader.isAtEnd else { throw SnapshotFormatError("\(bytes.count - reader.offset) bytes after the end") }
        index.finishLoading()
        return index
    }

    private static func encode<Bucket, Count: SnapshotCount>(_ cells: BucketedCells<Bucket, Count>, into writer: inout ByteWriter,
                                                             bucket encodeBucket: (Bucket, inout ByteWriter) -> Void) {
        writer.unsigned(cells.buckets.count)
        for (bucket, sorted) in cells.buckets {
            encodeBucket(bucket, &writer)
            writer.unsigned(sorted.keys.count)
            var previous: UInt64 = 0
            for (position, key) in sorted.keys.enumerated() {
                // Keys ascend strictly: the first is written whole, each next as its distance.
                writer.unsigned(position == 0 ? key : key - previous)
                previous = key
            }
            for count in sorted.counts { count.encode(into: &writer) }
        }
    }

    private static func decodeBuckets<Bucket, Count: SnapshotCount>(
        _ reader: inout ByteReader, valid: (UInt64) -> Bool, bucket decodeBucket: (inout ByteReader) throws(SnapshotFormatError) -> Bucket
    ) throws(SnapshotFormatError) -> BucketedCells<Bucket, Count> {
        var result = BucketedCells<Bucket, Count>()
        for _ in 0..<(try reader.count()) {
            let bucket = try decodeBucket(&reader)
            let count = try reader.count()
            var keys: [UInt64] = [], counts: [Count] = []
            keys.reserveCapacity(count)
            counts.reserveCapacity(count)
            var key: UInt64 = 0
            for position in 0..<count {
                let step = try reader.unsigned()
                guard position == 0 || step > 0 else { throw SnapshotFormatError("keys out of order") }
                let (sum, overflow) = key.addingReportingOverflow(step)
                guard !overflow else { throw SnapshotFormatError("key overflow") }
                key = sum
                guard valid(key) else { throw SnapshotFormatError("key \(key) names no slot") }
                keys.append(key)
            }
            for _ in 0..<count { counts.append(try Count.decode(from: &reader)) }
            result.set(bucket, SortedCells(ascendingKeys: keys, counts: counts))
        }
        return result
    }
}
