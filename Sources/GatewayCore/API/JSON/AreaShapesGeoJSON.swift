import Contracts
import Foundation

/// `GET /api/v1/areas/shapes`: a GeoJSON FeatureCollection, one Feature per area with
/// properties `area`, `name`, `centroid` (`[lon, lat]`) and `area_km2`. Built as text so that
/// each geometry (already GeoJSON from the heatmap service) is embedded unchanged.
enum AreaShapesGeoJSON {
    /// The FeatureCollection's bytes.
    static func encode(city: String, shapes: [AreaShape]) throws -> Data {
        var out = Data()
        out.append(contentsOf: Array(#"{"type":"FeatureCollection","city":"#.utf8))
        out.append(try JSONEncoder().encode(city))
        out.append(contentsOf: Array(#","features":["#.utf8))
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        for (index, shape) in shapes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            let geometry = shape.geoJSON.isEmpty ? "null" : shape.geoJSON
            out.append(contentsOf: Array(#"{"type":"Feature","id":"#.utf8))
            out.append(try encoder.encode(shape.area))
            out.append(contentsOf: Array(#","properties":"#.utf8))
            out.append(try encoder.encode(Properties(area: shape.area, name: shape.name,
                                                     centroid: [shape.centroidLon, shape.centroidLat], areaKm2: shape.areaKm2)))
            out.append(contentsOf: Array(#","geometry":"#.utf8))
            out.append(contentsOf: Array(geometry.utf8))
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: Array("]}".utf8))
        return out
    }

    /// A Feature's properties.
    struct Properties: Encodable {
        var area: String
        var name: String
        var centroid: [Double]
        var areaKm2: Double
    }
}
