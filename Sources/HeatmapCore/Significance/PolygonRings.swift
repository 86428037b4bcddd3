import Foundation

/// The rings of a GeoJSON Polygon or MultiPolygon geometry, as `[lon, lat]` points: every ring
/// (outer and holes) of every polygon, for even–odd point-in-polygon tests and edge walks.
struct PolygonRings: Sendable {
    let rings: [[(lon: Double, lat: Double)]]

    init(rings: [[(lon: Double, lat: Double)]]) {
        self.rings = rings
    }

    /// Parses a GeoJSON geometry's text; nil when it is neither a Polygon nor a MultiPolygon.
    init?(geoJSON: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(geoJSON.utf8)) as? [String: Any],
              let type = object["type"] as? String else { return nil }
        let polygons: [Any]
        switch type {
        case "Polygon": polygons = [object["coordinates"] ?? []]
        case "MultiPolygon": polygons = object["coordinates"] as? [Any] ?? []
        default: return nil
        }
        var rings: [[(lon: Double, lat: Double)]] = []
        for polygon in polygons {
            for ring in polygon as? [Any] ?? [] {
                let points = (ring as? [[Double]] ?? []).compactMap { point in
                    point.count >= 2 ? (lon: point[0], lat: point[1]) : nil
                }
                if points.count >= 3 { rings.append(points) }
            }
        }
        self.rings = rings
    }
}
