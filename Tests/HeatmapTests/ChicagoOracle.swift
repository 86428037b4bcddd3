import TestSupport
import Foundation
import ServiceKit
@testable import HeatmapCore
@testable import IngestCore

/// Counts recomputed from the raw Chicago CSV with ingest's parser: the expected answers.
struct ChicagoOracle: Sendable {
    /// Per area, all types.
    var all: [String: RollupCounts] = [:]
    /// Per area, THEFT only.
    var theft: [String: RollupCounts] = [:]
    /// Per area, hours 22, 23, 0 … 5, all types.
    var lateNight: [String: RollupCounts] = [:]
    /// Incidents per primary type.
    var types: [String: Int64] = [:]
    var rows = 0

    /// Parses on its own thread (``BlockingThread``): a year takes seconds in a debug build.
    static func compute(_ relativePath: String) async throws -> ChicagoOracle {
        let url = try SharedData.url(relativePath)
        return try await BlockingThread.run { try compute(url: url) }
    }

    private static func compute(url: URL) throws -> ChicagoOracle {
        var oracle = ChicagoOracle()
        let lateHours: Set<Int> = [22, 23, 0, 1, 2, 3, 4, 5]
        _ = try ChicagoCSVParser().parse(contentsOf: url) { row in
            guard case .record(let record) = row else { return }
            oracle.rows += 1
            let area = record.area ?? "", type = record.primaryType ?? ""
            let counts = RollupCounts(incidents: 1, arrests: record.arrest ? 1 : 0, domestic: record.domestic ? 1 : 0)
            oracle.all[area, default: RollupCounts()] += counts
            oracle.types[type, default: 0] += 1
            if type == "THEFT" { oracle.theft[area, default: RollupCounts()] += counts }
            if lateHours.contains(record.occurred.hour) { oracle.lateNight[area, default: RollupCounts()] += counts }
        }
        return oracle
    }

    static func total(_ areas: [String: RollupCounts]) -> RollupCounts {
        areas.values.reduce(into: RollupCounts()) { $0 += $1 }
    }
}
