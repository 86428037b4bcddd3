import Contracts
import Foundation
@testable import HeatmapCore
@testable import IngestCore
import Postgres
import TestSupport
import Testing
import Wire

/// GetHexHotspots on a year of real Metropolitan Police burglaries (2017, 75,849 rows) loaded
/// through a real ingest server and consumed over its RPC: the whole ranking must equal one
/// recomputed here from the raw files, with a plain implementation of the definition (each window
/// position summed from scratch, fully sorted), so the service's sliding window and top-k
/// selection are checked against something they share nothing with but the hex binning.
@Suite("Heatmap hex hotspots over Met burglary 2017", .serialized, .timeLimit(.minutes(10)))
struct HeatmapMetBurglaryTests {
    static let months = (1...12).map { String(format: "2017-%02d", $0) }

    @Test("rankings for W = 1, 3, 12 equal a recount of the raw files; months before the data are missing")
    func metBurglaryRanking() async throws {
        let files = Self.months.map { "uk-police-met-burglary/\($0)-metropolitan-street.csv.xz" }
        try await PoliceUKHotspotData.withHeatmap(label: "heatmap-met", city: "uk-metropolitan", files: files) { client in
            var counts: [[HexCellID: Int64]] = []
            for file in files { counts.append(try await PoliceUKHotspotData.rawCellCounts(city: "uk-metropolitan", file: file)) }
            try await check(client, counts: counts)
        }
    }

    private func check(_ client: RPCClient, counts: [[HexCellID: Int64]]) async throws {
        for window in [1, 3, 12] {
            let reply = try await client.call(
                Methods.Heatmap.getHexHotspots,
                HexHotspotsRequest(city: "uk-metropolitan", firstMonth: "2017-01", months: 12, windowMonths: Int32(window), limit: 10_000))
            let expected = Self.ranking(counts, window: window, share: 0.001)
            #expect(reply.windowPositions == Int32(12 - window + 1) && reply.missingMonths.isEmpty)
            #expect(reply.cells.map { Ranked(q: Int($0.q), r: Int($0.r), count: $0.count, windows: Int($0.hotspotWindows)) } == expected,
                    "W=\(window): \(reply.cells.prefix(3)) vs \(expected.prefix(3))")
            #expect(reply.cells.map(\.rank) == Array(1...Int32(reply.cells.count)))
            print("Met burglary 2017 W=\(window): \(expected.count) ranked cells, top (\(expected[0].q), \(expected[0].r)) "
                  + "\(expected[0].count) burglaries in \(expected[0].windows) windows")
        }
        // Two months before the data: reported missing, not zero crime; they still count as positions.
        let early = try await client.call(
            Methods.Heatmap.getHexHotspots,
            HexHotspotsRequest(city: "uk-metropolitan", firstMonth: "2016-11", months: 14, windowMonths: 3, limit: 10_000))
        #expect(early.missingMonths == ["2016-11", "2016-12"] && early.windowPositions == 12)
        let expected = Self.ranking([[:], [:]] + counts, window: 3, share: 0.001)
        #expect(early.cells.map { Ranked(q: Int($0.q), r: Int($0.r), count: $0.count, windows: Int($0.hotspotWindows)) } == expected)
    }

    struct Ranked: Equatable, CustomStringConvertible {
        let q: Int, r: Int, count: Int64, windows: Int
        var description: String { "(\(q), \(r)) \(count) in \(windows)" }
    }

    /// The definition, plainly: per position the window's sums, the top ⌊share · non-empty⌋ (at
    /// least one) by count then (q, r); cells ranked by positions, then period count, then (q, r).
    static func ranking(_ months: [[HexCellID: Int64]], window: Int, share: Double) -> [Ranked] {
        var windows: [HexCellID: Int] = [:]
        for start in 0...(months.count - window) {
            var sums: [HexCellID: Int64] = [:]
            for month in months[start..<(start + window)] {
                for (cell, count) in month { sums[cell, default: 0] += count }
            }
            let ordered = sums.filter { $0.value > 0 }.sorted { ($0.value, $1.key.q, $1.key.r) > ($1.value, $0.key.q, $0.key.r) }
            for (cell, _) in ordered.prefix(max(1, Int(share * Double(ordered.count)))) { windows[cell, default: 0] += 1 }
        }
        var period: [HexCellID: Int64] = [:]
        for month in months {
            for (cell, count) in month { period[cell, default: 0] += count }
        }
        return windows.map { Ranked(q: $0.key.q, r: $0.key.r, count: period[$0.key] ?? 0, windows: $0.value) }
            .sorted { ($0.windows, $0.count, $1.q, $1.r) > ($1.windows, $1.count, $0.q, $0.r) }
    }
}
