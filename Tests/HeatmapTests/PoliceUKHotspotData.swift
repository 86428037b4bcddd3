import Contracts
import ServiceKit
import Foundation
@testable import HeatmapCore
@testable import IngestCore
import Postgres
import TestSupport
import Testing
import Wire

/// What the hex-hotspot tests over real police.uk data share: the files loaded through a real
/// ingest server on a throwaway database, a heatmap server consuming it over its RPC, and the
/// recount of the raw files per hex cell that the service's answers are checked against.
enum PoliceUKHotspotData {
    /// Loads `files` (paths under the shared data) as `city`, starts the heatmap server and runs
    /// `body` with its client; stops both and closes the pool afterwards, also when a load or
    /// `body` throws (the database is dropped only after a success, to look at after a failure).
    static func withHeatmap(label: String, city: String, files: [String], _ body: (RPCClient) async throws -> Void) async throws {
        let database = try await TestDatabase.create(label: label)
        let folder = try TemporaryDirectory(prefix: "cs-hm")
        let pool = database.pool(size: 2)
        defer { folder.remove() }
        let ingest = try await IngestTestServer.start(database: database, pool: pool, folder: folder)
        var heatmap: HeatmapTestServer?
        do {
            for file in files {
                let outcome = try await ingest.load(file, city: city, format: .policeUKCSV)
                #expect(outcome.succeeded, "\(file): \(outcome.error ?? "")")
            }
            let server = try await HeatmapTestServer.start(pool: pool, folder: folder, ingest: ingest)
            heatmap = server
            try await body(server.client)
        } catch {
            await heatmap?.stop()
            await ingest.stop()
            await pool.shutdown()
            throw error
        }
        await heatmap?.stop()
        await ingest.stop()
        await pool.shutdown()
        try await database.drop()
    }

    /// The located rows of `file` per hex cell, binned in `city`'s projection straight from the raw file.
    /// Parsed on its own thread (``BlockingThread``), as the Chicago recounts are.
    static func rawCellCounts(city: String, file: String) async throws -> [HexCellID: Int64] {
        let projection = try #require(CityProjection.of(city: city))
        let url = try SharedData.url(file)
        return try await BlockingThread.run {
            let grid = HexGrid()
            var cells: [HexCellID: Int64] = [:]
            _ = try PoliceUKCSVParser().parse(contentsOf: url) { row in
                guard case .record(let record) = row, let lon = record.longitude, let lat = record.latitude else { return }
                let point = projection.project(lon: lon, lat: lat)
                let cell = grid.cell(x: point.x, y: point.y)
                cells[HexCellID(q: cell.q, r: cell.r), default: 0] += 1
            }
            return cells
        }
    }
}
