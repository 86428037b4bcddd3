import Contracts
import Foundation

/// `GET /api/v1/hotspots`: hexagonal cells ranked by how often they were among the top 0.1 %
/// of cells in a sliding window over the period, the share of the period's crime they capture,
/// and the months without data.
struct HotspotsJSON: Codable, Sendable, Equatable {
    /// One hexagonal cell.
    struct Cell: Codable, Sendable, Equatable {
        /// Axial coordinates of the cell.
        var q: Int64
        var r: Int64
        /// Closed ring of `[lon, lat]` corners (WGS84).
        var ring: [[Double]]
        /// Incidents in the cell over the period.
        var count: Int64
        /// Window positions in which the cell was a hotspot, and that as a share of all positions.
        var hotspotWindows: Int
        var frequency: Double
        /// 1 = most often a hotspot.
        var rank: Int
    }

    var city: String
    var primaryType: String?
    /// The period, `YYYY-MM`, inclusive; absent when not given (the newest twelve months).
    var from: String?
    var to: String?
    var windowMonths: Int
    /// Positions of the sliding window over the period.
    var windowPositions: Int
    /// Share (0-1) of the period's crime inside the ranked cells.
    var capturedShare: Double
    /// `YYYY-MM` months of the period with no data at all.
    var missingMonths: [String]
    var cellSideMeters: Double
    var projection: String
    var cells: [Cell]

    init(query: HotspotsQuery, response: HexHotspotsResponse) {
        city = query.request.city
        primaryType = query.request.primaryType.isEmpty ? nil : query.request.primaryType
        from = query.from?.label
        to = query.to?.label
        windowMonths = Int(query.request.windowMonths)
        windowPositions = Int(response.windowPositions)
        capturedShare = response.capturedShare
        missingMonths = response.missingMonths
        cellSideMeters = response.cellSideMeters
        projection = response.projection
        cells = response.cells.map { cell in
            Cell(q: cell.q, r: cell.r, ring: Self.ring(cell.geoJSON), count: cell.count,
                 hotspotWindows: Int(cell.hotspotWindows), frequency: cell.frequency, rank: Int(cell.rank))
        }
    }

    /// The outer ring of a GeoJSON Polygon's text (empty when it is not one).
    static func ring(_ geoJSON: String) -> [[Double]] {
        struct Polygon: Decodable {
            var type: String
            var coordinates: [[[Double]]]
        }
        guard let polygon = try? JSONDecoder().decode(Polygon.self, from: Data(geoJSON.utf8)), polygon.type == "Polygon" else { return [] }
        return polygon.coordinates.first ?? []
    }
}
