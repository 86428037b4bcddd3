import Postgres

/// Encodes an ``IncidentRecord`` into a ``LoadBatch``: its fields as binary COPY fields, in the
/// order both the incidents' COPY and the staging table take them (``LoadSQL/recordColumns``),
/// with the area field apart so the writer can put a spatially placed area in its stead; and a
/// ``LoadRow`` with what the writer needs to know of the row without reading its bytes.
enum LoadRowEncoder {
    /// Returns nil, appending nothing, when an integer field does not fit the incidents' `integer`
    /// columns (the caller rejects the row).
    static func append(_ record: IncidentRecord, key: String, to bytes: inout [UInt8]) -> LoadRow? {
        guard fitsInteger(record.district), fitsInteger(record.ward), fitsInteger(record.communityArea) else { return nil }
        var hash = RowContentHash()
        let start = bytes.count
        CopyBinaryEncoder.appendText(key, to: &bytes)
        CopyBinaryEncoder.appendTimestamp(localSeconds: record.occurred.localSeconds, to: &bytes)
        CopyBinaryEncoder.appendBool(record.occurred.monthOnly, to: &bytes)
        CopyBinaryEncoder.appendText(record.primaryType, to: &bytes)
        CopyBinaryEncoder.appendText(record.description, to: &bytes)
        CopyBinaryEncoder.appendText(record.category, to: &bytes)
        CopyBinaryEncoder.appendText(record.locationDescription, to: &bytes)
        CopyBinaryEncoder.appendBool(record.arrest, to: &bytes)
        CopyBinaryEncoder.appendBool(record.domestic, to: &bytes)
        let areaStart = bytes.count
        CopyBinaryEncoder.appendText(record.area, to: &bytes)
        let areaEnd = bytes.count
        hash.add(bytes[start..<areaEnd])
        appendInteger(record.district, to: &bytes, hash: &hash)
        appendInteger(record.ward, to: &bytes, hash: &hash)
        appendInteger(record.communityArea, to: &bytes, hash: &hash)
        let tailStart = bytes.count
        CopyBinaryEncoder.appendDouble(record.latitude, to: &bytes)
        CopyBinaryEncoder.appendDouble(record.longitude, to: &bytes)
        CopyBinaryEncoder.appendText(record.block, to: &bytes)
        CopyBinaryEncoder.appendText(record.iucr, to: &bytes)
        CopyBinaryEncoder.appendText(record.fbiCode, to: &bytes)
        CopyBinaryEncoder.appendText(record.lsoa, to: &bytes)
        CopyBinaryEncoder.appendTimestamp(localSeconds: record.updatedOn?.localSeconds, to: &bytes)
        hash.add(bytes[tailStart...])
        CopyBinaryEncoder.appendInt64(Int64(record.lineNumber), to: &bytes)
        let location = record.latitude.flatMap { lat in record.longitude.map { (lat: lat, lon: $0) } }
        let placed = location.map { $0.lat.isFinite && $0.lon.isFinite } ?? false
        return LoadRow(
            key: key, hash: hash.signed, start: start, areaStart: areaStart, areaEnd: areaEnd, end: bytes.count,
            line: record.lineNumber, updatedOn: record.updatedOn?.localSeconds, reportedArea: record.area,
            lon: placed ? location?.lon : nil, lat: placed ? location?.lat : nil, primaryType: record.primaryType,
            category: record.category, occurred: record.occurred.localSeconds, monthOnly: record.occurred.monthOnly,
            arrest: record.arrest, domestic: record.domestic)
    }

    private static func fitsInteger(_ value: Int?) -> Bool {
        value.map { Int32(exactly: $0) != nil } ?? true
    }

    /// An `integer` field, hashed as the `bigint` field it was when the hash was defined.
    private static func appendInteger(_ value: Int?, to bytes: inout [UInt8], hash: inout RowContentHash) {
        if let value { CopyBinaryEncoder.appendInt32(Int32(truncatingIfNeeded: value), to: &bytes) } else { CopyBinaryEncoder.appendNull(to: &bytes) }
        hash.addBigintField(value)
    }
}
