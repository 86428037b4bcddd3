import Contracts
@testable import HeatmapCore
import Testing
import Wire

/// GetSeries over Chicago 2017 against the raw-file recount (called from ``HeatmapChicagoTests``).
enum SeriesChecks {
    static func run(_ client: RPCClient, incidents: ChicagoIncidents) async throws {
        let day: Int64 = 86_400
        // 2017-01-02 and 2018-01-01 are Mondays: 52 whole weeks. 2017-03-15 (Wed) … 2017-04-20 (Thu)
        // widens to 2017-03-13 … 2017-04-24: 6 weeks.
        let cases: [(start: Int64, end: Int64, first: Int64, weeks: Int)] = [
            (WindowHeatmapChecks.at(2017, 1, 2, 0), WindowHeatmapChecks.at(2018, 1, 1, 0), WindowHeatmapChecks.at(2017, 1, 2, 0), 52),
            (WindowHeatmapChecks.at(2017, 3, 15, 9), WindowHeatmapChecks.at(2017, 4, 20, 17), WindowHeatmapChecks.at(2017, 3, 13, 0), 6),
        ]
        for item in cases {
            let reply = try await client.call(
                Methods.Heatmap.getSeries,
                SeriesRequest(city: "chicago", range: LocalTimeRange(startLocalSeconds: item.start, endLocalSeconds: item.end)))
            var expected: [String: [UInt32]] = [:]
            for incident in incidents.incidents {
                let slot = (incident.localSeconds - item.first).quotientAndRemainder(dividingBy: 7 * day).quotient
                guard incident.localSeconds >= item.first, slot < item.weeks else { continue }
                expected["\(incident.area)/\(incident.category)", default: [UInt32](repeating: 0, count: item.weeks)][Int(slot)] += 1
            }
            #expect(reply.series.allSatisfy { $0.firstWeekLocalSeconds == item.first && $0.weeklyCounts.count == item.weeks })
            #expect(Set(reply.series.map(\.crimeGroup)) == ["property", "violent", "drug", "other"])
            let got = Dictionary(uniqueKeysWithValues: reply.series.map { ("\($0.area)/\($0.crimeGroup)", $0.weeklyCounts) })
            #expect(got == expected, "\(item.weeks) weeks from \(item.first)")
        }
        let reversed = await #expect(throws: RPCError.self) {
            try await client.call(Methods.Heatmap.getSeries,
                                  SeriesRequest(city: "chicago", range: LocalTimeRange(startLocalSeconds: 10, endLocalSeconds: 5)))
        }
        #expect(reversed?.code == .invalidArgument)
    }
}
