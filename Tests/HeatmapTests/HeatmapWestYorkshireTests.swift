import Contracts
import Foundation
@testable import HeatmapCore
@testable import IngestCore
import Logging
import Postgres
import ServiceKit
import TestSupport
import Testing
import Wire

/// GetHexHotspots on real police.uk data: West Yorkshire July 2016, 2017 and 2018 loaded through
/// a real ingest server, consumed over its RPC, queried through the heatmap's handlers on a socket;
/// cell counts checked against a recount of the raw files in the British National Grid.
@Suite("Heatmap hex hotspots over West Yorkshire", .serialized, .timeLimit(.minutes(10)))
struct HeatmapWestYorkshireTests {
    static let files = ["2016-07", "2017-07", "2018-07"].map { "uk-police-west-yorkshire/\($0)-west-yorkshire-street.csv.xz" }

    @Test("hotspots over 25 months with 22 missing; counts equal the raw-file recount")
    func westYorkshireHotspots() async throws {
        try await PoliceUKHotspotData.withHeatmap(label: "heatmap-wy", city: "uk-west-yorkshire", files: Self.files) { client in
            try await check(client)
        }
    }

    private func check(_ client: RPCClient) async throws {
        var byCell: [HexCellID: Int64] = [:]
        for file in Self.files {
            byCell.merge(try await PoliceUKHotspotData.rawCellCounts(city: "uk-west-yorkshire", file: file), uniquingKeysWith: +)
        }
        let located = byCell.values.reduce(0, +)
        let reply = try await client.call(
            Methods.Heatmap.getHexHotspots,
            HexHotspotsRequest(city: "uk-west-yorkshire", firstMonth: "2016-07", months: 25, windowMonths: 1, limit: 1_000))
        #expect(reply.windowPositions == 25)
        #expect(reply.missingMonths.count == 22 && !reply.missingMonths.contains("2017-07") && reply.missingMonths.first == "2016-08")
        #expect(reply.projection.hasPrefix("EPSG:27700"))
        #expect(!reply.cells.isEmpty && reply.cells.allSatisfy { $0.hotspotWindows >= 1 && $0.hotspotWindows <= 3 })
        for cell in reply.cells {
            #expect(cell.count == byCell[HexCellID(q: Int(cell.q), r: Int(cell.r))], "cell (\(cell.q), \(cell.r))")
            #expect(cell.geoJSON.hasPrefix("{\"type\":\"Polygon\",\"coordinates\":[[[-1.") || cell.geoJSON.hasPrefix("{\"type\":\"Polygon\",\"coordinates\":[[[-2."))
        }
        // The busiest cell is a hotspot in every month with data (it is in Leeds or Bradford city centre).
        let top = try #require(reply.cells.first)
        #expect(top.hotspotWindows == 3 && abs(top.frequency - 3.0 / 25.0) < 1e-12)
        let centre = HexGrid().centre(q: Int(top.q), r: Int(top.r))
        #expect((400_000...440_000).contains(centre.x) && (425_000...440_000).contains(centre.y), "BNG centre \(centre)")
        let captured = reply.cells.map(\.count).reduce(0, +)
        #expect(abs(reply.capturedShare - Double(captured) / Double(located)) < 1e-12)
        print("hex hotspots West Yorkshire: \(located) located, \(byCell.count) cells, \(reply.cells.count) hotspots, "
              + "top (\(top.q), \(top.r)) BNG \(centre) \(top.count), captured \(reply.capturedShare)")
    }
}
