import Contracts
import Foundation
@testable import GatewayCore
import NIOCore
import Testing

/// The gateway API's strict query parsing and JSON shapes, without sockets.
@Suite("Gateway API queries and JSON")
struct GatewayAPIQueryTests {
    static let heatmapNames: Set<String> = ["city", "year", "year_from", "year_to", "hour_min", "hour_max", "primary_type"]

    func heatmap(_ pairs: [(String, String)]) throws(APIError) -> HeatmapQuery {
        try HeatmapQuery(QueryParameters(pairs: pairs, allowed: Self.heatmapNames))
    }

    @Test func validHeatmapQueryBecomesARequest() throws {
        let query = try heatmap([("city", "chicago"), ("year", "2017"), ("hour_min", "23"), ("hour_max", "6"), ("primary_type", "THEFT")])
        #expect(query.request.city == "chicago")
        #expect(query.request.year == 2017)
        #expect(query.request.hours == HourRange(hourMin: 23, hourMax: 6))
        #expect(query.request.primaryType == "THEFT")
        #expect(query.filters.hourMin == 23 && query.filters.yearFrom == nil)
    }

    @Test(arguments: [
        [("year", "2017")],
        [("city", "chicago"), ("year", "2017x")],
        [("city", "chicago"), ("year", " 2017")],
        [("city", "chicago"), ("year", "1899")],
        [("city", "chicago"), ("hour_min", "3")],
        [("city", "chicago"), ("hour_min", "3"), ("hour_max", "24")],
        [("city", "chicago"), ("year", "2017"), ("year_to", "2017")],
        [("city", "chicago"), ("year_from", "2018"), ("year_to", "2017")],
        [("city", "chicago"), ("city", "nyc")],
        [("city", "chicago"), ("bogus", "1")],
        [("city", "")],
    ])
    func badHeatmapQueriesAreInvalidArgument(pairs: [(String, String)]) {
        #expect {
            _ = try heatmap(pairs)
        } throws: { error in
            (error as? APIError)?.code == "INVALID_ARGUMENT"
        }
    }

    @Test func strictIntegers() throws {
        let query = try QueryParameters(pairs: [("a", "-5"), ("b", "+7"), ("c", "0x10"), ("d", "99999999999999999999")], allowed: ["a", "b", "c", "d"])
        #expect(try query.integer("a", in: -10...10) == -5)
        #expect(try query.integer("b", in: 0...10) == 7)
        #expect(throws: APIError.self) { try query.integer("c", in: 0...100) }
        #expect(throws: APIError.self) { try query.integer("d", in: 0...100) }
        #expect(try query.integer("missing", in: 0...1) == nil)
    }

    @Test func staticPathsStayInsideTheirFolder() {
        #expect(StaticFileController.isSafeRelativePath("leaflet/leaflet.js"))
        #expect(StaticFileController.isSafeRelativePath("leaflet/images/layers-2x.png"))
        for bad in ["", "../etc/passwd", "leaflet/../../x", "/etc/passwd", "a//b", "./a", "a b", "a%2e"] {
            #expect(!StaticFileController.isSafeRelativePath(bad), "\(bad)")
        }
    }

    @Test func shapesAreAFeatureCollection() throws {
        let shape = AreaShape(area: "1834", name: "Beat 1834", geoJSON: #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#,
                              centroidLon: -87.6, centroidLat: 41.9, areaKm2: 1.25)
        let data = try AreaShapesGeoJSON.encode(city: "chicago", shapes: [shape, shape])
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["type"] as? String == "FeatureCollection")
        let features = try #require(object["features"] as? [[String: Any]])
        #expect(features.count == 2)
        let properties = try #require(features[0]["properties"] as? [String: Any])
        #expect(Set(properties.keys) == ["area", "name", "centroid", "area_km2"])
        #expect((features[0]["geometry"] as? [String: Any])?["type"] as? String == "Polygon")
    }

    @Test func jsonIsSnakeCaseAndEtagsAreStable() throws {
        let body = try JSONResponse.encoder().encode(CountsJSON(Counts(incidents: 3, arrests: 1, domestic: 0)))
        #expect(String(decoding: body, as: UTF8.self) == #"{"arrests":1,"domestic":0,"incidents":3}"#)
        #expect(JSONResponse.etag(body) == JSONResponse.etag(body))
        #expect(JSONResponse.etag(body) != JSONResponse.etag(Data("x".utf8)))
    }

    @Test func openAPIDocumentIsBundled() throws {
        let data = try #require(OpenAPIDocument.data)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((object["openapi"] as? String)?.hasPrefix("3.1") == true)
    }
}

/// The gateway's gzip (the system zlib as a linked library, gzip framing of its own).
@Suite("Gateway gzip")
struct GatewayGzipTests {
    @Test func acceptEncodingParsing() {
        #expect(Gzip.accepted(by: "gzip, deflate, br"))
        #expect(Gzip.accepted(by: "br;q=1.0, gzip;q=0.8"))
        #expect(Gzip.accepted(by: "*"))
        #expect(!Gzip.accepted(by: nil))
        #expect(!Gzip.accepted(by: "deflate, br"))
        #expect(!Gzip.accepted(by: "gzip;q=0"))
        #expect(!Gzip.accepted(by: "gzip; q=0.0, identity"))
        #expect(Gzip.accepted(by: "gzip;q=0.5"))
    }

    @Test func crc32IsGzips() {
        #expect(Gzip.crc32(Data("123456789".utf8)) == 0xCBF4_3926)
        #expect(Gzip.crc32(Data((0..<100_000).map { UInt8(($0 * 7 + 3) % 251) })) == 0x43BF_EEB4)
        #expect(Gzip.crc32(Data()) == 0)
    }

    @Test func compressedBodyHasGzipFramingAndTrailer() throws {
        let text = Data(String(repeating: #"{"area":"1834","incidents":123},"#, count: 200).utf8)
        let compressed = try #require(Gzip.compress(text))
        #expect(compressed.prefix(3) == Data([0x1f, 0x8b, 8]))
        #expect(compressed.count < text.count / 5)
        let size = compressed.suffix(4).enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        #expect(size == UInt32(text.count))
        let crc = compressed.dropLast(4).suffix(4).enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
        #expect(crc == Gzip.crc32(text))
    }

    @Test func cachedBodiesAreWhatCompressingGives() throws {
        let cache = GzipCache(maxBytes: 64 << 10, maxBodyBytes: 32 << 10)
        let bodies = (0..<12).map { index in Data(String(repeating: #"{"area":"\#(index)","incidents":\#(index * 7)},"#, count: 300).utf8) }
        for round in 0..<2 {
            for body in bodies {
                let compressed = try #require(body.withUnsafeBytes { cache.compressed($0) })
                #expect(Data(compressed.readableBytesView) == Gzip.compress(body), "round \(round)")
            }
        }
        let usage = cache.usage
        #expect(usage.entries > 0 && usage.entries < bodies.count && usage.bytes <= 64 << 10, "bounded: \(usage)")
        let large = Data(repeating: 65, count: 40 << 10)
        #expect(try #require(large.withUnsafeBytes { cache.compressed($0) }).readableBytes > 0)
        #expect(cache.usage.entries <= usage.entries, "bodies over maxBodyBytes are not kept")
    }
}
