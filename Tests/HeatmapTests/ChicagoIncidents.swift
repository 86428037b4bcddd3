import TestSupport
import Foundation
import ServiceKit
@testable import HeatmapCore
@testable import IngestCore

/// Every incident of a raw Chicago file, reduced to what the window, grid and series checks
/// recount (read with ingest's parser, never from the heatmap's rollups).
struct ChicagoIncidents: Sendable {
    struct Incident: Sendable {
        let localSeconds: Int64
        let area: String
        let primaryType: String
        let category: String
        let month: Int
        let lon: Double?
        let lat: Double?
        let arrest: Bool
        let domestic: Bool
    }

    var incidents: [Incident] = []

    /// Parses on its own thread (``BlockingThread``): a year takes seconds in a debug build.
    static func load(_ relativePath: String) async throws -> ChicagoIncidents {
        let url = try SharedData.url(relativePath)
        return try await BlockingThread.run { try load(url: url) }
    }

    private static func load(url: URL) throws -> ChicagoIncidents {
        var result = ChicagoIncidents()
        _ = try ChicagoCSVParser().parse(contentsOf: url) { row in
            guard case .record(let record) = row else { return }
            result.incidents.append(Incident(
                localSeconds: record.occurred.localSeconds, area: record.area ?? "", primaryType: record.primaryType ?? "",
                category: record.category ?? "", month: record.occurred.month, lon: record.longitude, lat: record.latitude,
                arrest: record.arrest, domestic: record.domestic))
        }
        return result
    }

    /// Incidents per area with `start ≤ t < end`, optionally one type.
    func areaCounts(start: Int64, end: Int64, primaryType: String = "") -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for incident in incidents where incident.localSeconds >= start && incident.localSeconds < end
            && (primaryType.isEmpty || incident.primaryType == primaryType) {
            counts[incident.area, default: 0] += 1
        }
        return counts
    }
}
