import Foundation

/// Parses the Socrata JSON form of "NYPD Arrests Data" (`resource/8h9b-rp9u.json` historic,
/// `resource/uh2w-zjsn.json` year to date): an array of objects with lowercase keys (`arrest_key`,
/// `arrest_date` as `2017-12-31T00:00:00.000`, `pd_desc`, `ofns_desc`, `law_cat_cd`,
/// `arrest_precinct`, `latitude`, `longitude`, `lon_lat`), every value a string, nulls omitted.
///
/// Each object is laid out as a row with the CSV export's column names and decoded by the same
/// ``NYPDRowMapper`` as ``NYPDArrestsCSVParser``, so one arrest read from either form gives the same
/// record (only `lineNumber` differs). When `latitude`/`longitude` are omitted, the `lon_lat` point
/// (`{"type": "Point", "coordinates": [lon, lat]}`) gives them.
struct NYPDArrestsSocrataJSONParser: Sendable {
    var bounds: GeoBounds

    init(bounds: GeoBounds = .newYorkCity) {
        self.bounds = bounds
    }

    /// The CSV column each JSON key stands for, in row order.
    private static let columns: [(key: String, csvName: String)] = [
        ("arrest_key", "ARREST_KEY"), ("arrest_date", "ARREST_DATE"), ("pd_desc", "PD_DESC"), ("ofns_desc", "OFNS_DESC"),
        ("law_cat_cd", "LAW_CAT_CD"), ("arrest_precinct", "ARREST_PRECINCT"), ("latitude", "Latitude"), ("longitude", "Longitude"),
    ]

    /// Streams every array element of `source` to `handle` and returns the accounting.
    func parse(_ source: any ByteSource, handle: (ParsedRow) throws -> Void) throws -> ParseSummary {
        var mapper = try NYPDRowMapper(header: CSVHeader(names: Self.columns.map(\.csvName)), bounds: bounds)
        let keys = Self.columns.map(\.key)
        var summary = ParseSummary()
        let reader = JSONArrayElementReader(source: source, location: .rootArray)
        try reader.forEachElement { bytes, lineNumber, truncated in
            let parsed = SocrataObjectRow.map(bytes, lineNumber: lineNumber, truncated: truncated, keys: keys,
                                              latitudeIndex: 6, longitudeIndex: 7, pointKey: "lon_lat", mapper: &mapper)
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
