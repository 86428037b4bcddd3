import Foundation

/// The source formats IngestCore reads, recognised from the first bytes of a file.
package enum SourceFormat: String, Sendable, CaseIterable {
    /// Chicago per-year CSV: the portal's columns without `Year` and `Location`.
    case chicagoCSV20
    /// Chicago portal export with all 22 columns (`Year`, `Location` included).
    case chicagoCSV22
    /// Socrata JSON array (`[ {"id": …} ]`).
    case chicagoSocrataJSON
    case nypdArrestsCSV
    /// Socrata JSON array of NYPD arrests (`[ {"arrest_key": …} ]`).
    case nypdArrestsSocrataJSON
    case policeUKStreetCSV
    /// GeoJSON `FeatureCollection` (area polygons).
    case geoJSONFeatureCollection

    /// Detects the format from a header line (CSV) or the start of a JSON document; `nil` when unknown.
    ///
    /// Chicago CSV is recognised by `Case Number` + `Primary Type` and split by the presence of
    /// `Year` and `Location`; NYPD by `ARREST_KEY`; police.uk by `Crime ID` + `Month` + `Falls within`.
    /// A JSON array is NYPD arrests when `"arrest_key"` occurs in the bytes given, Chicago otherwise.
    package static func detect(firstBytes: [UInt8]) -> SourceFormat? {
        var bytes = firstBytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let trimmed = bytes.drop(while: { $0 == ASCII.space || $0 == ASCII.lineFeed || $0 == ASCII.carriageReturn || $0 == ASCII.tab })
        switch trimmed.first {
        case UInt8(ascii: "["):
            let key = Array("\"arrest_key\"".utf8)
            let isNYPD = trimmed.count >= key.count
                && trimmed.indices.dropLast(key.count - 1).contains { trimmed[$0..<($0 + key.count)].elementsEqual(key) }
            return isNYPD ? .nypdArrestsSocrataJSON : .chicagoSocrataJSON
        case UInt8(ascii: "{"): return .geoJSONFeatureCollection
        default: break
        }
        let lineEnd = bytes.firstIndex(of: ASCII.lineFeed) ?? bytes.endIndex
        var headerLine = String(decoding: bytes[bytes.startIndex..<lineEnd], as: UTF8.self)
        if headerLine.hasSuffix("\r") { headerLine.removeLast() }
        let header = CSVHeader(names: headerLine.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        })
        if header.contains("Case Number", "Primary Type") {
            return header.contains("Year", "Location") ? .chicagoCSV22 : .chicagoCSV20
        }
        if header.contains("ARREST_KEY") { return .nypdArrestsCSV }
        if header.contains("Crime ID", "Month", "Falls within") { return .policeUKStreetCSV }
        return nil
    }

    /// Reads the first 64 KiB of `url` (decompressing `.gz`/`.xz`) and detects its format.
    package static func detect(contentsOf url: URL) throws -> SourceFormat? {
        let source = try ByteSources.open(url)
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        var filled = 0
        while filled < bytes.count {
            let count = try bytes.withUnsafeMutableBytes { buffer in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            }
            if count == 0 { break }
            filled += count
        }
        return detect(firstBytes: Array(bytes[0..<filled]))
    }
}
