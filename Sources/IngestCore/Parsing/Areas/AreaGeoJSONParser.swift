import Foundation

/// Parses a GeoJSON `FeatureCollection` of area polygons, one feature at a time.
///
/// The geometry is not decoded and re-encoded: its bytes are cut out of the file as they are
/// (full coordinate precision, original order), only its `type` is checked. A feature is rejected
/// (with its line and text) when it is not an object, has no `Polygon`/`MultiPolygon` geometry, or
/// lacks the layer's id property.
struct AreaGeoJSONParser: Sendable {
    var layer: AreaLayer

    init(layer: AreaLayer) {
        self.layer = layer
    }

    /// Streams every feature of `source` to `handle`; `duplicates` in the summary is always 0.
    func parse(_ source: any ByteSource, handle: (AreaParseRow) throws -> Void) throws -> ParseSummary {
        var summary = ParseSummary()
        var featureIndex = 0
        let reader = JSONArrayElementReader(source: source, location: .rootMember("features"))
        try reader.forEachElement { bytes, lineNumber, truncated in
            let row = decode(bytes, lineNumber: lineNumber, truncated: truncated, featureIndex: featureIndex)
            featureIndex += 1
            summary.rowsRead += 1
            switch row {
            case .area: summary.records += 1
            case .rejected: summary.rejected += 1
            }
            try handle(row)
        }
        summary.linesRead = reader.linesRead
        return summary
    }

    func parse(contentsOf url: URL, handle: (AreaParseRow) throws -> Void) throws -> ParseSummary {
        try parse(ByteSources.open(url), handle: handle)
    }

    private func decode(_ bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int, truncated: Bool, featureIndex: Int) -> AreaParseRow {
        func reject(_ reason: String) -> AreaParseRow {
            .rejected(RejectedRow(lineNumber: lineNumber, rawText: String(decoding: bytes, as: UTF8.self), reason: reason))
        }
        if truncated { return reject("feature cut off by the end of input") }
        guard let members = JSONObjectMembers.ranges(in: bytes) else { return reject("feature is not a well-formed JSON object") }
        guard let geometryRange = members["geometry"] else { return reject("feature has no geometry") }
        let geometry = UnsafeBufferPointer(rebasing: bytes[geometryRange])
        guard let geometryMembers = JSONObjectMembers.ranges(in: geometry),
              let typeRange = geometryMembers["type"],
              let type = JSONObjectMembers.stringLiteral(UnsafeBufferPointer(rebasing: geometry[typeRange])),
              geometryMembers["coordinates"] != nil
        else { return reject("geometry is null or not an object with type and coordinates") }
        guard type == "Polygon" || type == "MultiPolygon" else {
            return reject("geometry type \(type) is not Polygon or MultiPolygon")
        }
        guard let propertiesRange = members["properties"],
              let properties = try? JSONSerialization.jsonObject(with: Data(buffer: UnsafeBufferPointer(rebasing: bytes[propertiesRange])))
                as? [String: Any]
        else { return reject("feature has no properties object") }
        guard let areaID = Self.text(properties[layer.idProperty]), !areaID.isEmpty else {
            return reject("feature lacks property \(layer.idProperty)")
        }
        let name = layer.nameProperty.flatMap { Self.text(properties[$0]) } ?? "\(layer.namePrefix) \(areaID)"
        return .area(AreaPolygon(
            city: layer.city, kind: layer.kind, areaID: areaID, name: name, geometryType: type,
            geometryJSON: String(decoding: geometry, as: UTF8.self), lineNumber: lineNumber, featureIndex: featureIndex
        ))
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: string.trimmingSpaces()
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }
}

/// What one GeoJSON feature became.
enum AreaParseRow: Sendable, Equatable {
    case area(AreaPolygon)
    case rejected(RejectedRow)
}
