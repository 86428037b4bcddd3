import Foundation

/// Turns one element of a Socrata (SODA) JSON array into a ``ParsedRow`` with a source's own
/// ``CSVRowMapper``: the object's values are laid out as a row in the mapper's column order, so a
/// record read from the portal's CSV and from its JSON decodes through the same code.
///
/// SODA writes every value as a JSON string except booleans; nulls are omitted. A point column may
/// arrive as an object instead of `latitude`/`longitude` strings: SODA 2.0
/// `{"latitude": "…", "longitude": "…"}` or SODA 2.1 `{"type": "Point", "coordinates": [lon, lat]}`.
/// An element that is not valid JSON, not an object, or cut off by the end of input is rejected
/// with its line and raw text.
enum SocrataObjectRow {
    /// Decodes the element `bytes` (starting at `lineNumber`), lays out the values of `keys` as a
    /// row and maps it. When both values at `latitudeIndex`/`longitudeIndex` are missing, they are
    /// taken from the point object under `pointKey`.
    static func map<Mapper: CSVRowMapper>(
        _ bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int, truncated: Bool, keys: [String],
        latitudeIndex: Int, longitudeIndex: Int, pointKey: String, mapper: inout Mapper
    ) -> ParsedRow {
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
        var values = keys.map { text(object[$0]) }
        if values[latitudeIndex] == nil && values[longitudeIndex] == nil, let point = object[pointKey] as? [String: Any] {
            if let coordinates = point["coordinates"] as? [Any], coordinates.count == 2 {
                values[longitudeIndex] = text(coordinates[0])
                values[latitudeIndex] = text(coordinates[1])
            } else {
                values[latitudeIndex] = text(point["latitude"])
                values[longitudeIndex] = text(point["longitude"])
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
    static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string
        case let number as NSNumber where isBoolean(number): return number.boolValue ? "true" : "false"
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
