import Contracts
@testable import HeatmapCore
import Testing
import Wire

/// GetHexHotspots over Chicago 2017 against a raw-file recount (called from ``HeatmapChicagoTests``).
enum HexHotspotsChecks {
    static func run(_ client: RPCClient, incidents: ChicagoIncidents) async throws {
        let projection = try #require(CityProjection.of(city: "chicago"))
        let grid = HexGrid()
        var byCell: [HexCellID: Int64] = [:]
        var located: Int64 = 0
        for incident in incidents.incidents {
            guard let lon = incident.lon, let lat = incident.lat else { continue }
            let point = projection.project(lon: lon, lat: lat)
            let cell = grid.cell(x: point.x, y: point.y)
            byCell[HexCellID(q: cell.q, r: cell.r), default: 0] += 1
            located += 1
        }
        let reply = try await client.call(
            Methods.Heatmap.getHexHotspots,
            HexHotspotsRequest(city: "chicago", firstMonth: "2017-01", months: 12, windowMonths: 3))
        #expect(reply.windowPositions == 10 && reply.missingMonths.isEmpty)
        #expect(reply.cellSideMeters == 200 && reply.projection.contains("transverse Mercator"))
        #expect(!reply.cells.isEmpty && reply.cells.map(\.rank) == Array(1...Int32(reply.cells.count)))
        #expect(zip(reply.cells, reply.cells.dropFirst()).allSatisfy { $0.hotspotWindows >= $1.hotspotWindows })
        for cell in reply.cells {
            #expect(cell.count == byCell[HexCellID(q: Int(cell.q), r: Int(cell.r))], "cell (\(cell.q), \(cell.r))")
            #expect(abs(cell.frequency - Double(cell.hotspotWindows) / 10) < 1e-12)
            #expect(cell.geoJSON.hasPrefix("{\"type\":\"Polygon\",\"coordinates\":[[[-87.") && cell.geoJSON.split(separator: "[").count == 8, "7 corners, the first repeated")
        }
        let captured = reply.cells.map(\.count).reduce(0, +)
        #expect(abs(reply.capturedShare - Double(captured) / Double(located)) < 1e-12)
        print("hex hotspots Chicago 2017, W=3: \(reply.cells.count) cells, top (\(reply.cells[0].q), \(reply.cells[0].r)) "
              + "\(reply.cells[0].count) incidents in \(reply.cells[0].hotspotWindows)/10 windows, captured \(reply.capturedShare)")

        let newest = try await client.call(Methods.Heatmap.getHexHotspots,
                                           HexHotspotsRequest(city: "chicago", months: 3, windowMonths: 1))
        #expect(newest.windowPositions == 3 && newest.missingMonths.isEmpty)
        let edge = try await client.call(Methods.Heatmap.getHexHotspots,
                                         HexHotspotsRequest(city: "chicago", firstMonth: "2016-11", months: 4, windowMonths: 1))
        #expect(edge.missingMonths == ["2016-11", "2016-12"] && edge.windowPositions == 4)
        #expect(edge.cells.allSatisfy { $0.hotspotWindows <= 2 })
        for bad in [HexHotspotsRequest(city: "chicago", months: 12, windowMonths: 2),
                    HexHotspotsRequest(city: "chicago", months: 2, windowMonths: 3),
                    HexHotspotsRequest(city: "chicago", firstMonth: "2017-13", months: 12, windowMonths: 1)] {
            let error = await #expect(throws: RPCError.self) {
                try await client.call(Methods.Heatmap.getHexHotspots, bad)
            }
            #expect(error?.code == .invalidArgument)
        }
    }
}
