import Contracts

/// The validated body of `POST /api/v1/ingest/loads` as a StartLoad request:
/// `{"city", "path", "source"?, "wait"?}`.
struct LoadBody: Sendable {
    /// The body's member names.
    static let names: Set<String> = ["city", "source", "path", "wait"]
    /// `source` names (as `ingest load --format` spells them) and their formats.
    static let sources: [String: SourceFormat] = [
        "chicago-csv": .chicagoCSV, "chicago-socrata-json": .chicagoSocrataJSON, "nypd-arrests-csv": .nypdArrestsCSV,
        "police-uk-csv": .policeUKCSV, "areas-geojson": .areasGeoJSON, "areas-wkt-csv": .areasWKTCSV, "auto": .unspecified,
    ]

    var request: StartLoadRequest

    /// Validates: `city` required; `path` an absolute path on the ingest server; `source` one of
    /// ``sources`` (default `auto`: recognised from the file); `wait` (default false) waits for
    /// the run to end instead of returning at once.
    init(_ body: JSONBody) throws(APIError) {
        let city = try body.requiredCity()
        let path = try body.requiredString("path", maxLength: 4_096)
        guard path.hasPrefix("/") else { throw .invalidArgument("'path' must be an absolute path on the ingest server, got '\(path.prefix(80))'") }
        let sourceName = try body.string("source", maxLength: 40) ?? "auto"
        guard let format = Self.sources[sourceName] else {
            throw .invalidArgument("'source' must be one of \(Self.sources.keys.sorted().joined(separator: ", ")), got '\(sourceName)'")
        }
        let wait = try body.bool("wait") ?? false
        request = StartLoadRequest(city: city, format: format, serverPath: path, asynchronous: !wait)
    }
}
