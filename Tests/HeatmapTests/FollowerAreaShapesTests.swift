import Contracts
import Foundation
@testable import HeatmapCore
@testable import IngestCore
import Logging
import Postgres
import TestSupport
import Testing
@testable import Wire

/// A follower serves a city's area polygons the leader never copied: it asks ingest's ListAreas
/// over the real RPC and simplifies them with a query that writes nothing. Its database
/// connections are read-only (`default_transaction_read_only`, as on a hot standby), so any write
/// would fail; its answer equals the one the leader gives from its copy. Polygons reloaded into
/// ingest afterwards (a new ListAreas version) are copied again by the leader.
@Suite("Heatmap follower: area shapes without the leader's copy", .serialized, .timeLimit(.minutes(10)))
struct FollowerAreaShapesTests {
    @Test("a follower on read-only connections answers AreaShapes for a city the leader never copied, as the leader would")
    func followerAnswersAlone() async throws {
        try await IngestTestServer.withServer(label: "heatmap-follower-shapes", folderPrefix: "cs-hfs", poolSize: 2) {
            try await run(database: $0, pool: $1, folder: $2, ingest: $3)
        }
    }

    /// Precinct 1 as a 0.01° square whose centroid is (-74.005, 40.695): a reload that moves it.
    static let movedPrecinctOne = """
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"precinct": "1"}, "geometry":
          {"type": "Polygon", "coordinates": [[[-74.01, 40.69], [-74.0, 40.69], [-74.0, 40.7], [-74.01, 40.7], [-74.01, 40.69]]]}}]}
        """

    private func run(database: TestDatabase, pool: PostgresPool, folder: TemporaryDirectory, ingest: IngestTestServer) async throws {
        let precincts = try await ingest.load("nypd-precincts/police_precincts.geojson.gz", city: "nyc", format: .areasGeoJSON)
        #expect(precincts.succeeded, "\(precincts.error ?? "")")
        let migrations = try Migration.load(directory: HeatmapBackend.migrationsDirectory)
        _ = try await Migrator(schema: "heatmap", migrations: migrations, logger: IngestTestServer.logger).migrate(pool)

        // A login whose sessions are read-only and that may only SELECT the heatmap schema.
        let role = "cs_ro_\(UInt32.random(in: 0 ... .max))"
        try await pool.query("CREATE ROLE \(role) LOGIN")
        try await pool.query("ALTER ROLE \(role) SET default_transaction_read_only = on")
        try await pool.query("GRANT USAGE ON SCHEMA heatmap TO \(role)")
        try await pool.query("GRANT SELECT ON ALL TABLES IN SCHEMA heatmap TO \(role)")
        let readOnlyURL = try #require(database.url.range(of: "://").flatMap { scheme in
            database.url[scheme.upperBound...].firstIndex(of: "@").map { at in
                String(database.url[..<scheme.upperBound]) + role + String(database.url[at...])
            }
        })
        let readOnly = PostgresPool(url: readOnlyURL, size: 2, logger: IngestTestServer.logger)
        let ingestClient = RPCClient(endpoint: ingest.endpoint)
        let follower = HeatmapHandlers(index: RollupIndex(), store: HeatmapStore(pool: readOnly, readPool: readOnly),
                                       ingest: ingestClient, leadership: Leadership())
        #expect(follower.leadership?.role == "follower")
        await #expect(throws: (any Error).self, "the follower's connections refuse writes") {
            try await readOnly.query("INSERT INTO heatmap.area_shapes (city, area, name, geom, centroid_lon, centroid_lat, area_km2) VALUES ('x', 'x', 'x', 'POINT(0 0)', 0, 0, 0)")
        }

        // The follower answers alone: every precinct, nothing written.
        let alone = try await follower.areaShapes(AreaShapesRequest(city: "nyc"))
        #expect(alone.shapes.count == 77, "NYC has 77 precincts, got \(alone.shapes.count)")
        #expect(alone.shapes.allSatisfy { $0.geoJSON.hasPrefix("{\"type\":\"") && $0.areaKm2 > 0 && $0.centroidLat > 40 })
        #expect(try await pool.query("SELECT count(*) FROM heatmap.area_shapes").scalar(Int64.self) == 0, "the follower wrote nothing")
        // Significance needs the copy (it reads it with PostGIS): a follower without it says it is
        // behind, so the client asks another replica and keeps this one in rotation.
        do {
            _ = try await follower.hasCopiedShapes(city: "nyc")
            Issue.record("a follower without the copy claimed to have it")
        } catch let error as RPCError {
            #expect(error.isReplicaBehind, "\(error)")
        }

        // The leader copies the city and answers the same shapes; the follower then serves the copy.
        let leader = HeatmapHandlers(index: RollupIndex(), store: HeatmapStore(pool: pool), ingest: ingestClient)
        let copied = try await leader.areaShapes(AreaShapesRequest(city: "nyc"))
        #expect(try await pool.query("SELECT count(*) FROM heatmap.area_shapes WHERE city = 'nyc'").scalar(Int64.self) == 77)
        #expect(copied == alone, "the follower's shapes equal the leader's copy")
        #expect(try await follower.areaShapes(AreaShapesRequest(city: "nyc")) == copied)
        #expect(try await follower.hasCopiedShapes(city: "nyc"))

        // A coarser tolerance is honoured on both paths alike.
        let coarse = try await follower.store.simplifiedAreaShapes(
            try await ingestClient.call(Methods.Ingest.listAreas, ListAreasRequest(city: "nyc")).areas, toleranceMetres: 500)
        let coarseCopy = try await leader.store.areaShapes(city: "nyc", toleranceMetres: 500)
        #expect(coarse == coarseCopy)
        #expect(coarse.map(\.geojson.count).reduce(0, +) < alone.shapes.map(\.geoJSON.count).reduce(0, +))

        // Polygons reloaded into ingest: a new version, which the leader notices and copies; the
        // follower then serves the new copy.
        let before = try await ingestClient.call(Methods.Ingest.listAreas, ListAreasRequest(city: "nyc", versionOnly: true))
        #expect(before.areas.isEmpty && before.version == "77-1", "\(before.version)")
        let moved = folder.path("precinct-1-moved.geojson")
        try Self.movedPrecinctOne.write(toFile: moved, atomically: true, encoding: .utf8)
        let reload = try await ingest.loader.load(LoadRequest(city: try #require(IngestCity(slug: "nyc")), format: .areasGeoJSON,
                                                              input: .file(path: moved)))
        #expect(reload.succeeded, "\(reload.error ?? "")")
        let after = try await ingestClient.call(Methods.Ingest.listAreas, ListAreasRequest(city: "nyc", versionOnly: true)).version
        #expect(after != before.version && after.hasPrefix("77-"), "\(after)")
        let refreshed = try await leader.areaShapes(AreaShapesRequest(city: "nyc"))
        let one = try #require(refreshed.shapes.first { $0.area == "1" })
        #expect(abs(one.centroidLon + 74.005) < 1e-9 && abs(one.centroidLat - 40.695) < 1e-9, "\(one.centroidLon) \(one.centroidLat)")
        #expect(refreshed.shapes.count == 77 && refreshed != copied)
        #expect(try await follower.areaShapes(AreaShapesRequest(city: "nyc")) == refreshed)
        let syncedSQL = "SELECT max(synced_at)::text FROM heatmap.area_shapes WHERE city = 'nyc'"
        let synced = try await pool.query(syncedSQL).scalar(String.self)
        #expect(try await leader.areaShapes(AreaShapesRequest(city: "nyc")) == refreshed)
        #expect(try await pool.query(syncedSQL).scalar(String.self) == synced, "the same version is not copied again")

        await ingestClient.close()
        await readOnly.shutdown()
        try await pool.query("DROP OWNED BY \(role)")
        try await pool.query("DROP ROLE \(role)")
    }
}
