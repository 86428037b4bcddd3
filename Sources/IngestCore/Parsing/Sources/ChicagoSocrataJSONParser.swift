import Foundation

/// Parses the Socrata JSON form of Chicago crimes (`resource/ijzp-q8t2.json`): an array of
/// objects with lowercase keys, omitted nulls, ISO dates, JSON booleans for `arrest`/`domestic`.
///
/// Each object is laid out as a row in the portal's column order and decoded by the same
/// ``ChicagoRowMapper`` as the CSV, so one crime read from either form gives the same record
/// (only `lineNumber` differs). When `latitude`/`longitude` are omitted but `location` holds them
/// (SODA 2.0 `{"latitude": …}` or SODA 2.1 `{"type": "Point", "coordinates": [lon, lat]}`) those are used.
/// An element that is not an object, is not valid JSON, or is cut off by the end of input is rejected.
struct ChicagoSocrataJSONParser: Sendable {
    var bounds: GeoBounds

    init(bounds: GeoBounds = .chicago) {
        self.bounds = bounds
    }

    /// JSON key for each column of ``ChicagoColumns/requiredNames`` then ``extraNames``.
    private static let keys = [
        "id", "case_number", "date", "block", "iucr", "primary_type", "description", "location_description",
        "arrest", "domestic", "beat", "district", "ward", "community_area", "fbi_code", "latitude", "longitude",
        "updated_on", "x_coordinate", "y_coordinate",
    ]
    private static let extraNames = ["Updated On", "X Coordinate", "Y Coordinate"]

    /// Streams every array element of `source` to `handle` and returns the accounting.
    func parse(_ source: any ByteSource, handle: (ParsedRow) throws -> Void) throws -> ParseSummary {
        let columns = try ChicagoColumns(header: CSVHeader(names: ChicagoColumns.requiredNames + Self.extraNames))
        var mapper = ChicagoRowMapper(columns: columns, bounds: bounds)
        var summary = ParseSummary()
        let reader = JSONArrayElementReader(source: source, location: .rootArray)
        try reader.forEachElement { bytes, lineNumber, truncated in
            let parsed = SocrataObjectRow.map(bytes, lineNumber: lineNumber, truncated: truncated, keys: Self.keys,
                                              latitudeIndex: 15, longitudeIndex: 16, pointKey: "location", mapper: &mapper)
            summary.count(parsed)
            try handle(parsed)
        }
        summary.linesRead = reader.linesRead
        return summary
    }

    /// Opens `url` (plain or `.gz`/`.xz`) and parses it.
    func parse(contentsOf url: URL, handle: (ParsedRow) throws -> Void) throws -> ParseSummary {
        try parse(ByteSources.open(url), handle: handle)
    }
}
