import CivilTime
import Contracts
@testable import HeatmapCore
import Testing
import Wire

/// GetWindowHeatmap over Chicago 2017 against the raw-file recount (called from
/// ``HeatmapChicagoTests`` once the data is consumed).
enum WindowHeatmapChecks {
    /// Local seconds of a wall-clock time.
    static func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int) -> Int64 {
        LocalDateTime.localSeconds(year: year, month: month, day: day) + Int64(hour) * 3_600
    }

    static func run(_ client: RPCClient, incidents: ChicagoIncidents) async throws {
        let cases: [(hours: Int64, end: Int64, type: String, grain: Granularity)] = [
            (6, at(2017, 7, 13, 17), "", .hourly),
            (72, at(2017, 3, 5, 13), "", .hourly),
            (73, at(2017, 3, 5, 13), "THEFT", .daily),
            (720, at(2017, 11, 17, 5), "", .daily),
            (2_161, at(2017, 10, 1, 23), "", .weekly),
            (8_760, at(2017, 12, 20, 7), "", .weekly),
            (8_760, at(2017, 8, 9, 19), "BATTERY", .weekly),
            (20_000, at(2017, 9, 14, 11), "", .monthly),
            (43_830, at(2018, 2, 1, 0), "", .monthly),
        ]
        for item in cases {
            let reply = try await client.call(
                Methods.Heatmap.getWindowHeatmap,
                WindowHeatmapRequest(city: "chicago", lastHours: item.hours, referenceLocalSeconds: item.end, primaryType: item.type))
            let start = item.end - item.hours * 3_600
            let expected = incidents.areaCounts(start: start, end: item.end, primaryType: item.type)
            let got = Dictionary(uniqueKeysWithValues: reply.areas.map { ($0.area, $0.counts?.incidents ?? 0) })
            #expect(got == expected, "\(item.hours) h before \(item.end) \(item.type)")
            #expect(reply.granularity == item.grain)
            #expect(reply.range?.startLocalSeconds == start && reply.range?.endLocalSeconds == item.end)
            #expect(reply.total?.incidents == expected.values.reduce(0, +))
            #expect(reply.maxIncidents == expected.values.max() ?? 0)
        }
        // Default reference: the end of the newest incident's hour (2017-12-31 23:xx).
        let newest = try await client.call(Methods.Heatmap.getWindowHeatmap,
                                           WindowHeatmapRequest(city: "chicago", lastHours: 24))
        #expect(newest.range?.endLocalSeconds == at(2018, 1, 1, 0))
        let lastDay = incidents.areaCounts(start: at(2017, 12, 31, 0), end: at(2018, 1, 1, 0))
        #expect(Dictionary(uniqueKeysWithValues: newest.areas.map { ($0.area, $0.counts?.incidents ?? 0) }) == lastDay)
        #expect(newest.timeZone == "America/Chicago")

        for bad in [WindowHeatmapRequest(city: "chicago", lastHours: 0),
                    WindowHeatmapRequest(city: "chicago", lastHours: 43_831),
                    WindowHeatmapRequest(city: "chicago", lastHours: 5, referenceLocalSeconds: at(2017, 1, 2, 3) + 60)] {
            let error = await #expect(throws: RPCError.self) {
                try await client.call(Methods.Heatmap.getWindowHeatmap, bad)
            }
            #expect(error?.code == .invalidArgument)
        }
    }
}
