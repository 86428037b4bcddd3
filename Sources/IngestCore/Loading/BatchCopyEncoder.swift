import Postgres

/// The binary COPY tuples a batch writes, assembled from a ``LoadBatch``'s encoded fields: new
/// incidents and their keys, differing rows for the staging table, and new rows' outbox entries.
enum BatchCopyEncoder {
    /// Fields of an incidents tuple: ``LoadSQL/recordColumns`` plus id, city, area source, area known, source, run id.
    static let incidentFieldCount = Int16(LoadSQL.recordColumns.count + 6)
    /// Fields of a staging tuple: ``LoadSQL/recordColumns`` plus the row hash and the spatial area.
    static let stagingFieldCount = Int16(LoadSQL.recordColumns.count + 2)

    /// The fields every row of a batch shares, encoded once: the city, the source name, the run id,
    /// and the three `area_source` values.
    struct SharedFields {
        let city: [UInt8], source: [UInt8], runID: [UInt8]
        let reported: [UInt8], spatial: [UInt8], none: [UInt8]

        init(city: String, source: String, runID: Int64) {
            func field(_ append: (inout [UInt8]) -> Void) -> [UInt8] {
                var bytes: [UInt8] = []
                append(&bytes)
                return bytes
            }
            self.city = field { CopyBinaryEncoder.appendText(city, to: &$0) }
            self.source = field { CopyBinaryEncoder.appendText(source, to: &$0) }
            self.runID = field { CopyBinaryEncoder.appendInt64(runID, to: &$0) }
            reported = field { CopyBinaryEncoder.appendText("reported", to: &$0) }
            spatial = field { CopyBinaryEncoder.appendText("spatial", to: &$0) }
            none = field { CopyBinaryEncoder.appendText("none", to: &$0) }
        }
    }

    /// A new incident: its fields with the area as placed (`placed` is the spatial area of a row
    /// without a reported one), then what ingest adds.
    static func appendIncident(_ row: LoadRow, bytes: [UInt8], id: Int64, placed: String?, areaKnown: Bool,
                               shared: SharedFields, to buffer: inout [UInt8]) {
        CopyBinaryEncoder.appendTupleStart(fieldCount: incidentFieldCount, to: &buffer)
        buffer.append(contentsOf: bytes[row.start..<row.areaStart])
        if row.reportedArea != nil {
            buffer.append(contentsOf: bytes[row.areaStart..<row.areaEnd])
        } else {
            CopyBinaryEncoder.appendText(placed, to: &buffer)
        }
        buffer.append(contentsOf: bytes[row.areaEnd..<row.end])
        CopyBinaryEncoder.appendInt64(id, to: &buffer)
        buffer.append(contentsOf: shared.city)
        buffer.append(contentsOf: row.reportedArea != nil ? shared.reported : placed != nil ? shared.spatial : shared.none)
        CopyBinaryEncoder.appendBool(areaKnown, to: &buffer)
        buffer.append(contentsOf: shared.source)
        buffer.append(contentsOf: shared.runID)
    }

    /// A new key; its text is the row's first encoded field (``LoadRowEncoder``), copied as it is.
    static func appendKey(_ row: LoadRow, bytes: [UInt8], id: Int64, shared: SharedFields, to buffer: inout [UInt8]) {
        CopyBinaryEncoder.appendTupleStart(fieldCount: 5, to: &buffer)
        buffer.append(contentsOf: shared.city)
        let length = Int(bytes[row.start]) << 24 | Int(bytes[row.start + 1]) << 16 | Int(bytes[row.start + 2]) << 8
            | Int(bytes[row.start + 3])
        buffer.append(contentsOf: bytes[row.start..<(row.start + 4 + length)])
        CopyBinaryEncoder.appendInt64(id, to: &buffer)
        CopyBinaryEncoder.appendTimestamp(localSeconds: row.occurred, to: &buffer)
        CopyBinaryEncoder.appendInt64(row.hash, to: &buffer)
    }

    static func appendStaging(_ row: LoadRow, bytes: [UInt8], placed: String?, to buffer: inout [UInt8]) {
        CopyBinaryEncoder.appendTupleStart(fieldCount: stagingFieldCount, to: &buffer)
        buffer.append(contentsOf: bytes[row.start..<row.end])
        CopyBinaryEncoder.appendInt64(row.hash, to: &buffer)
        CopyBinaryEncoder.appendText(placed, to: &buffer)
    }

    /// One outbox entry of +1 deltas for `rows` (their areas in `areas`, "" for none), its arrays
    /// parallel as the heatmap reads them (`ingest.outbox`, migration 0006).
    static func appendOutboxEntry(_ rows: ArraySlice<LoadRow>, areas: ArraySlice<String>, city: String, runID: Int64,
                                  to buffer: inout [UInt8]) {
        let first = rows.startIndex, areaFirst = areas.startIndex
        CopyBinaryEncoder.appendTupleStart(fieldCount: 14, to: &buffer)
        CopyBinaryEncoder.appendInt64(runID, to: &buffer)
        CopyBinaryEncoder.appendText(city, to: &buffer)
        CopyBinaryEncoder.appendInt32(Int32(rows.count), to: &buffer)
        CopyBinaryEncoder.appendArray(of: .int2, count: rows.count, mayHoldNull: false, to: &buffer) { _, out in
            CopyBinaryEncoder.appendInt16(1, to: &out)
        }
        CopyBinaryEncoder.appendArray(of: .text, count: rows.count, mayHoldNull: false, to: &buffer) { index, out in
            CopyBinaryEncoder.appendText(areas[areaFirst + index], to: &out)
        }
        CopyBinaryEncoder.appendArray(of: .text, count: rows.count, mayHoldNull: false, to: &buffer) { index, out in
            CopyBinaryEncoder.appendText(rows[first + index].primaryType ?? "", to: &out)
        }
        CopyBinaryEncoder.appendArray(of: .text, count: rows.count, mayHoldNull: false, to: &buffer) { index, out in
            CopyBinaryEncoder.appendText(rows[first + index].category ?? "", to: &out)
        }
        CopyBinaryEncoder.appendArray(of: .timestamp, count: rows.count, mayHoldNull: false, to: &buffer) { index, out in
            CopyBinaryEncoder.appendTimestamp(localSeconds: rows[first + index].occurred, to: &out)
        }
        CopyBinaryEncoder.appendArray(of: .bool, count: rows.count, mayHoldNull: false, to: &buffer) { index, out in
            CopyBinaryEncoder.appendBool(rows[first + index].monthOnly, to: &out)
        }
        CopyBinaryEncoder.appendArray(of: .bool, count: rows.count, mayHoldNull: false, to: &buffer) { index, out in
            CopyBinaryEncoder.appendBool(rows[first + index].arrest, to: &out)
        }
        CopyBinaryEncoder.appendArray(of: .bool, count: rows.count, mayHoldNull: false, to: &buffer) { index, out in
            CopyBinaryEncoder.appendBool(rows[first + index].domestic, to: &out)
        }
        CopyBinaryEncoder.appendArray(of: .bool, count: rows.count, mayHoldNull: false, to: &buffer) { index, out in
            CopyBinaryEncoder.appendBool(rows[first + index].lon != nil, to: &out)
        }
        let hasNull = rows.contains { $0.lon == nil }
        CopyBinaryEncoder.appendArray(of: .float8, count: rows.count, mayHoldNull: hasNull, to: &buffer) { index, out in
            CopyBinaryEncoder.appendDouble(rows[first + index].lon, to: &out)
        }
        CopyBinaryEncoder.appendArray(of: .float8, count: rows.count, mayHoldNull: hasNull, to: &buffer) { index, out in
            CopyBinaryEncoder.appendDouble(rows[first + index].lat, to: &out)
        }
    }
}
