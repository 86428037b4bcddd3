import Foundation

/// Parses the Socrata JSON form of Chicago crimes (`resource/ijzp-q8t2.json`): an array of
/// objects with lowercase keys, omitted nulls, ISO dates, JSON booleans for `arrest`/`domestic`.
///
/// Each object is laid out as a row in the portal's column order and decoded by the same
/// ``ChicagoRowMapper`` as the CSV, so one crime read from either form gives the same record
/// (only `lineNumber` differs). When `latitude`/`longitude` are omitted but `location` holds them
/// (SODA 2.0 `{"latitude": …}` or SODA 2.1 `{"type": "Point", "coordinates": [lon, lat]}`) those are used.
/// An element that is not an object, is not valid JSON, or is cut off by the end of input is rejected.
public struct ChicagoSocrataJSONParser: Sendable {
    public var bounds: GeoBounds

    public init(bounds: GeoBounds = .chicago) {
        self.bounds = bounds
    }

    /// JSON key for each column of ``ChicagoColumns/requiredNames`` then `Updated On`.
    private static let keys = [
        "id", "case_number", "date", "block", "iucr", "primary_type", "description", "location_description",
        "arrest", "domestic", "beat", "district", "ward", "community_area", "fbi_code", "latitude", "longitude",
        "updated_on",
    ]

    /// Streams every array element of `source` to `handle` and returns the accounting.
    public func parse(_ source: any ByteSource, handle: (ParsedRow) throws -> Void) throws -> ParseSummary {
        let columns = try ChicagoColumns(header: CSVHeader(names: ChicagoColumns.requiredNames + ["Updated On"]))
        var mapper = ChicagoRowMapper(columns: columns, bounds: bounds)
        var summary = ParseSummary()
        let reader = JSONArrayElementReader(source: source, location: .rootArray)
        try reader.forEachElement { bytes, lineNumber, truncated in
            let parsed = decode(bytes, lineNumber: lineNumber, truncated: truncated, mapper: &mapper)
            summary.count(parsed)
            try handle(parsed)
        }
        summary.linesRead = reader.linesRead
        return summary
    }

    /// Opens `url` (plain or `.gz`/`.xz`) and parses it.
    public func parse(contentsOf url: URL, handle: (ParsedRow) throws -> Void) throws -> ParseSummary {
        try parse(ByteSources.open(url), handle: handle)
    }

    private func decode(_ bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int, truncated: Bool,
                        mapper: inout ChicagoRowMapper) -> ParsedRow {
        func reject(_ reason: String) -> ParsedRow {
            .rejected(RejectedRow(lineNumber: lineNumber, rawText: String(decoding: bytes, as: UTF8.self), reason: reason))
        }
        if truncated { return reject("JSON element cut off by the end of input") }
        let object: [String: Any]
        do {
            guard let value = try JSONSerialization.jsonObject(with: Data(buffer: bytes), options: .fragmentsAllowed) as? [String: Any] else {
                return reject("array element is not a JSON object")
            }
            object = value
        } catch {
            return reject("invalid JSON: \(error.localizedDescription)")
        }
        var values = Self.keys.map { Self.text(object[$0]) }
        if values[15] == nil && values[16] == nil, let location = object["location"] as? [String: Any] {
            if let coordinates = location["coordinates"] as? [Any], coordinates.count == 2 {
                values[16] = Self.text(coordinates[0])
                values[15] = Self.text(coordinates[1])
            } else {
                values[15] = Self.text(location["latitude"])
                values[16] = Self.text(location["longitude"])
            }
        }
        var storage: [UInt8] = []
        var spans: [CSVFieldSpan] = []
        for value in values {
            let start = storage.count
            storage.append(contentsOf: (value ?? "").utf8)
            spans.append(CSVFieldSpan(start: start, end: storage.count, hasEscapedQuotes: false))
        }
        storage.append(0)  // never empty, so the buffer has a base address
        return storage.withUnsafeBufferPointer { base in
            spans.withUnsafeBufferPointer { spanBuffer in
                guard let baseAddress = base.baseAddress else { return reject("empty object") }
                let row = CSVRow(lineNumber: lineNumber, malformation: nil, raw: bytes, spans: spanBuffer, base: baseAddress)
                do throws(RowRejection) {
                    return try mapper.map(row)
                } catch {
                    return reject(error.reason)
                }
            }
        }
    }

    /// A JSON scalar as the portal's CSV would write it (`true`, `"0423"` → `0423`, `12` → `12`).
    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string
        case let number as NSNumber where Self.isBoolean(number): return number.boolValue ? "true" : "false"
        case let number as NSNumber: return number.stringValue
        case let bool as Bool: return bool ? "true" : "false"
        default: return nil
        }
    }

    /// JSON `true`/`false` arrive as `NSNumber`s of Objective-C type `c` (char).
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
