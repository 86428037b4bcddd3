import TestSupport
import Foundation
import Testing
@testable import IngestCore

@Suite("Area polygons (GeoJSON)")
struct AreaGeoJSONParserTests {
    static func areas(_ path: String, _ layer: AreaLayer) throws -> ([AreaPolygon], ParseSummary) {
        var areas: [AreaPolygon] = []
        let summary = try AreaGeoJSONParser(layer: layer).parse(contentsOf: SharedData.url(path)) { row in
            if case .area(let area) = row { areas.append(area) }
        }
        return (areas, summary)
    }

    @Test("Chicago beats: 277 features, 275 distinct BEAT_NUM, geometry text byte for byte")
    func chicagoBeats() throws {
        let path = "chicago-police-beats/police_beats_current.geojson.gz"
        #expect(try SourceFormat.detect(contentsOf: SharedData.url(path)) == .geoJSONFeatureCollection)
        let (areas, summary) = try Self.areas(path, .chicagoBeats)
        #expect(summary.rowsRead == 277 && summary.records == 277 && summary.rejected == 0)
        #expect(Set(areas.map(\.areaID)).count == 275)
        #expect(areas.filter { $0.areaID == "3100" }.count == 3)
        #expect(areas.allSatisfy { $0.geometryType == "Polygon" && $0.city == "chicago" && $0.kind == "beat" })
        let first = try #require(areas.first)
        #expect(first.areaID == "1713" && first.name == "Beat 1713" && first.featureIndex == 0)
        #expect(first.geometryJSON.hasPrefix(#"{"type":"Polygon","coordinates":[[[-87.70472526514327,41.975774429276285],"#))
        #expect(first.geometryJSON.hasSuffix("]]]}"))
        // Faithful: the geometry text decodes to the same value as the file's geometry object.
        let whole = try JSONSerialization.jsonObject(with: Self.decompressed(path)) as? [String: Any]
        let features = try #require(whole?["features"] as? [[String: Any]])
        for (area, feature) in zip(areas, features) {
            let fromText = try JSONSerialization.jsonObject(with: Data(area.geometryJSON.utf8)) as? NSDictionary
            #expect(fromText == (feature["geometry"] as? NSDictionary))
        }
    }

    @Test("NYPD precincts: 77 MultiPolygons, one per precinct")
    func nypdPrecincts() throws {
        let (areas, summary) = try Self.areas("nypd-precincts/police_precincts.geojson.gz", .nypdPrecincts)
        #expect(summary.rowsRead == 77 && summary.records == 77)
        #expect(Set(areas.map(\.areaID)).count == 77)
        #expect(areas.allSatisfy { $0.geometryType == "MultiPolygon" && $0.city == "nyc" })
        #expect(areas.first?.name == "Precinct 1")
        #expect(areas.first?.lineNumber == 4)
    }

    @Test("Chicago districts: 25, named by DIST_LABEL")
    func chicagoDistricts() throws {
        let (areas, summary) = try Self.areas("chicago-police-beats/police_districts_current.geojson.gz", .chicagoDistricts)
        #expect(summary.records == 25)
        #expect(areas.contains { $0.areaID == "17" && $0.name == "17TH" })
    }

    @Test("bad features are rejected with their line", arguments: [1, 3, 1 << 16])
    func craftedFeatures(chunkSize: Int) throws {
        let text = """
        {"type": "FeatureCollection", "name": "x",
         "features": [
          {"type": "Feature", "properties": {"precinct": 5}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[0,1],[0,0]]]}},
          {"type": "Feature", "properties": {"precinct": "6"}, "geometry": null},
          {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": []}},
          {"type": "Feature", "properties": {"precinct": "8"}, "geometry": {"type": "Point", "coordinates": [0, 0]}},
          {"type": "Feature", "properties": {"precinct": "9"}, "geometry": {"type": "Polygon", "coordinates": [[[0,0
        """
        var areas: [AreaPolygon] = []
        var rejected: [RejectedRow] = []
        let summary = try AreaGeoJSONParser(layer: .nypdPrecincts).parse(MemoryByteSource(text, chunkSize: chunkSize)) { row in
            switch row {
            case .area(let area): areas.append(area)
            case .rejected(let rejection): rejected.append(rejection)
            }
        }
        #expect(summary.rowsRead == 5 && summary.records == 1 && summary.rejected == 4)
        #expect(areas.first?.areaID == "5")
        #expect(areas.first?.geometryJSON == #"{"type": "Polygon", "coordinates": [[[0,0],[1,0],[0,1],[0,0]]]}"#)
        #expect(rejected.map(\.lineNumber) == [4, 5, 6, 7])
        #expect(rejected.map(\.reason) == [
            "geometry is null or not an object with type and coordinates",
            "feature lacks property precinct",
            "geometry type Point is not Polygon or MultiPolygon",
            "feature cut off by the end of input",
        ])
    }

    @Test("not a FeatureCollection: a clear error")
    func notACollection() throws {
        #expect(throws: SourceParseError.self) {
            _ = try AreaGeoJSONParser(layer: .chicagoBeats).parse(MemoryByteSource(#"{"type": "Feature"}"#)) { _ in }
        }
    }

    static func decompressed(_ path: String) throws -> Data {
        let source = try ByteSources.open(SharedData.url(path))
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return data }
            data.append(contentsOf: chunk[0..<count])
        }
    }
}
