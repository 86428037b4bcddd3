import CivilTime
@testable import HeatmapCore
import Testing

/// Window decomposition and bucket arithmetic, no database.
@Suite("Window plans and grains")
struct WindowPlanTests {
    static func at(_ year: Int, _ month: Int, _ day: Int, _ hour: Int) -> Int64 {
        LocalDateTime.localSeconds(year: year, month: month, day: day) + Int64(hour) * 3_600
    }

    @Test func bucketStarts() {
        let t = Self.at(2017, 7, 13, 17) + 1_234  // a Thursday
        #expect(WindowGrain.hourly.bucketStart(t) == Self.at(2017, 7, 13, 17))
        #expect(WindowGrain.daily.bucketStart(t) == Self.at(2017, 7, 13, 0))
        #expect(WindowGrain.weekly.bucketStart(t) == Self.at(2017, 7, 10, 0), "Monday 10 July 2017")
        #expect(WindowGrain.monthly.bucketStart(t) == Self.at(2017, 7, 1, 0))
        #expect(WindowGrain.monthly.nextStart(after: Self.at(2016, 12, 1, 0)) == Self.at(2017, 1, 1, 0))
        #expect(WindowGrain.weekly.bucketStart(-1) == Self.at(1969, 12, 29, 0), "Monday before 1970-01-01")
        #expect(LocalDateTime.localSeconds(year: 2017, month: 1, day: 1) == 1_483_228_800)
    }

    @Test func grainPerWindowLength() {
        #expect(WindowGrain.forWindow(hours: 72) == .hourly)
        #expect(WindowGrain.forWindow(hours: 73) == .daily)
        #expect(WindowGrain.forWindow(hours: 2_160) == .daily)
        #expect(WindowGrain.forWindow(hours: 2_161) == .weekly)
        #expect(WindowGrain.forWindow(hours: 17_532) == .weekly)
        #expect(WindowGrain.forWindow(hours: 17_533) == .monthly)
    }

    /// Every hour inside the window is in exactly one planned bucket, every hour outside in none.
    @Test(arguments: [(Int64(6), WindowGrain.hourly), (100, .daily), (3_000, .weekly), (9_000, .weekly), (30_000, .monthly)])
    func planCoversEachHourOnce(hours: Int64, grain: WindowGrain) {
        var seed: UInt64 = 42
        for _ in 0..<5 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let end = Self.at(2017, 1, 1, 0) + Int64(seed >> 40) % 20_000 * 3_600
            let start = end - hours * 3_600
            let plan = WindowPlan(start: start, end: end, grain: grain)
            #expect(plan.spans.contains { $0.grain == grain } || hours < 24 * 62)
            var hour = start - 48 * 3_600
            while hour < end + 48 * 3_600 {
                let covering = plan.spans.filter { span in
                    let bucket = span.grain.bucketStart(hour)
                    return bucket >= span.from && bucket < span.to
                }.count
                #expect(covering == (hour >= start && hour < end ? 1 : 0), "hour \(hour) of [\(start), \(end))")
                hour += 3_600
            }
        }
    }
}
