import Contracts
import Foundation
import Postgres

extension HeatmapStore {
    /// Metres per degree of latitude: the simplification tolerance is given in metres and
    /// applied in degrees (east-west it is looser by 1 / cos(latitude), ~1.35× in Chicago).
    static let metresPerDegree = 111_320.0

    /// Replaces a city's shapes with `records` (WKB in WGS84) in one transaction, computing each
    /// centroid and its area in km² on the spheroid.
    func replaceAreaShapes(city: String, records: [AreaRecord]) async throws {
        try await pool.withTransaction { connection in
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('heatmap.area_shapes ' || $1))", [city])
            try connection.query("DELETE FROM heatmap.area_shapes WHERE city = $1", [city])
            for record in records {
                try connection.query("""
                    INSERT INTO heatmap.area_shapes (city, area, name, geom, centroid_lon, centroid_lat, area_km2)
                    SELECT $1, $2, $3, g, ST_X(ST_Centroid(g)), ST_Y(ST_Centroid(g)), ST_Area(g::geography) / 1e6
                    FROM (SELECT ST_SetSRID(ST_GeomFromWKB($4::bytea), 4326) AS g) AS shape
                    """, [city, record.area?.area ?? "", record.name, record.geometryWKB])
            }
        }
    }

    /// A city's shapes simplified with `toleranceMetres` (topology preserved), by area id.
    func areaShapes(city: String, toleranceMetres: Double) async throws -> [AreaShapeRow] {
        let rows = try await pool.query("""
            SELECT area, name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, $2), 6), centroid_lon, centroid_lat, area_km2
            FROM heatmap.area_shapes WHERE city = $1 ORDER BY area
            """, [city, toleranceMetres / Self.metresPerDegree])
        return try rows.map(Self.shapeRow)
    }

    /// `records` (ingest's ListAreas) made into what ``areaShapes(city:toleranceMetres:)`` gives
    /// from the stored copy, by a query that reads no table and writes nothing: a follower serves
    /// this before the leader has copied a city. It runs on the read pool, so a hot standby
    /// (`prefer-standby`) answers it too. The polygons travel as one bound JSON parameter (hex
    /// WKB) rather than one query per area.
    func simplifiedAreaShapes(_ records: [AreaRecord], toleranceMetres: Double) async throws -> [AreaShapeRow] {
        guard !records.isEmpty else { return [] }
        let rows = try await readPool.query("""
            SELECT area, name, ST_AsGeoJSON(ST_SimplifyPreserveTopology(g, $2), 6), ST_X(ST_Centroid(g)), ST_Y(ST_Centroid(g)),
                   ST_Area(g::geography) / 1e6
            FROM (SELECT r.area, r.name, ST_SetSRID(ST_GeomFromWKB(decode(r.wkb, 'hex')), 4326) AS g
                  FROM jsonb_to_recordset($1::jsonb) AS r(area text, name text, wkb text)) AS shape
            ORDER BY area
            """, [try AreaRecordsJSON.encode(records), toleranceMetres / Self.metresPerDegree])
        return try rows.map(Self.shapeRow)
    }

    private static func shapeRow(_ row: PostgresRow) throws -> AreaShapeRow {
        AreaShapeRow(area: try row.decode(String.self, at: 0), name: try row.decode(String.self, at: 1),
                     geojson: try row.decode(String.self, at: 2), centroidLon: try row.decode(Double.self, at: 3),
                     centroidLat: try row.decode(Double.self, at: 4), areaKm2: try row.decode(Double.self, at: 5))
    }
}

/// One area of GetAreaShapes: simplified GeoJSON and precomputed centroid and size.
struct AreaShapeRow: Sendable, Hashable {
    var area: String
    var name: String
    /// A GeoJSON geometry object.
    var geojson: String
    var centroidLon: Double
    var centroidLat: Double
    var areaKm2: Double
}

/// ListAreas records as the JSON array ``HeatmapStore/simplifiedAreaShapes(_:toleranceMetres:)``
/// binds: `[{"area": …, "name": …, "wkb": "<hex>"}, …]`.
enum AreaRecordsJSON {
    private struct Record: Encodable {
        let area: String
        let name: String
        let wkb: String
    }

    static func encode(_ records: [AreaRecord]) throws -> String {
        let data = try JSONEncoder().encode(records.map {
            Record(area: $0.area?.area ?? "", name: $0.name, wkb: hex($0.geometryWKB))
        })
        return String(decoding: data, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
