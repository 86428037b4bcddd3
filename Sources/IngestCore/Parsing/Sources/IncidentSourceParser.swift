import Foundation

/// What every incident parser offers: stream each row of a source, in file order, to `handle`,
/// and return the accounting (records + rejected + duplicates == rows read).
///
/// Parsing is synchronous and allocation-light; to overlap it with loading, run `parse` on its
/// own thread (or `Task.detached`) and hand rows to the loader through a bounded queue — `handle`
/// may block to apply back-pressure, and throwing from it stops the parse (and kills a
/// decompressor child process) cleanly.
protocol IncidentSourceParser: Sendable {
    func parse(_ source: any ByteSource, handle: (ParsedRow) throws -> Void) throws -> ParseSummary
}

extension ChicagoCSVParser: IncidentSourceParser {}
extension ChicagoSocrataJSONParser: IncidentSourceParser {}
extension NYPDArrestsCSVParser: IncidentSourceParser {}
extension NYPDArrestsSocrataJSONParser: IncidentSourceParser {}
extension PoliceUKCSVParser: IncidentSourceParser {}

extension SourceFormat {
    /// The parser for this format with default settings; `nil` for area polygons (``AreaGeoJSONParser``).
    var incidentParser: (any IncidentSourceParser)? {
        switch self {
        case .chicagoCSV20, .chicagoCSV22: ChicagoCSVParser()
        case .chicagoSocrataJSON: ChicagoSocrataJSONParser()
        case .nypdArrestsCSV: NYPDArrestsCSVParser()
        case .nypdArrestsSocrataJSON: NYPDArrestsSocrataJSONParser()
        case .policeUKStreetCSV: PoliceUKCSVParser()
        case .geoJSONFeatureCollection: nil
        }
    }
}
