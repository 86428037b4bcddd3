import Contracts
@testable import HeatmapCore
import Testing
import Wire

/// GetYearGrids over Chicago 2017 against the raw-file recount (called from ``HeatmapChicagoTests``).
enum YearGridsChecks {
    static func run(_ client: RPCClient, incidents: ChicagoIncidents) async throws {
        let reply = try await client.call(Methods.Heatmap.getYearGrids, YearGridsRequest(city: "chicago", year: 2017))
        #expect(reply.width == 300 && reply.height == 300 && reply.months.count == 12)
        #expect(reply.bounds?.minLat == 41.64 && reply.bounds?.maxLon == -87.52)
        let bounds = try #require(GridBounds.of(city: "chicago"))
        var geocoded = [Int64](repeating: 0, count: 13)
        var cells: [Int: [Int: Int64]] = [:]
        var outside = 0
        for incident in incidents.incidents {
            guard let lon = incident.lon, let lat = incident.lat else { continue }
            geocoded[incident.month] += 1
            guard let cell = bounds.cell(lon: lon, lat: lat) else { outside += 1; continue }
            cells[incident.month, default: [:]][cell, default: 0] += 1
        }
        #expect(outside == 0, "every geocoded 2017 incident lies inside Chicago's grid box")
        #expect(geocoded.reduce(0, +) == 264_995, "SOURCES.md: 264,995 rows with lat/lon")
        var nonEmpty: [Int64] = []
        for month in reply.months {
            let number = Int(month.month)
            #expect(month.total == geocoded[number], "month \(number)")
            #expect(!month.missing)
            #expect(month.cellIndex.count == month.count.count)
            let got = Dictionary(uniqueKeysWithValues: zip(month.cellIndex.map(Int.init), month.count.map(Int64.init)))
            #expect(got == cells[number] ?? [:], "month \(number) cells")
            nonEmpty += month.count.map(Int64.init)
        }
        #expect(reply.normalisation == YearGrids.percentile95(nonEmpty) && reply.normalisation >= 1)

        let theft = try await client.call(Methods.Heatmap.getYearGrids,
                                          YearGridsRequest(city: "chicago", year: 2017, primaryType: "THEFT"))
        let theftJuly = incidents.incidents.filter { $0.month == 7 && $0.primaryType == "THEFT" && $0.lat != nil }.count
        #expect(theft.months.first { $0.month == 7 }?.total == Int64(theftJuly))

        let empty = try await client.call(Methods.Heatmap.getYearGrids, YearGridsRequest(city: "chicago", year: 2016))
        #expect(empty.months.count == 12 && empty.months.allSatisfy { $0.missing && $0.total == 0 } && empty.normalisation == 0)
        let noGrid = await #expect(throws: RPCError.self) {
            try await client.call(Methods.Heatmap.getYearGrids, YearGridsRequest(city: "uk-durham", year: 2017))
        }
        #expect(noGrid?.code == .failedPrecondition)
    }
}
