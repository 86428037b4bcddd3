import Contracts
import Foundation

/// `GET /api/v1/hotspots`: hexagonal cells ranked by how often they were among the top 0.1 %
/// of cells in a sliding window over the period, the share of the period's crime they capture,
/// and the months without data.
public struct HotspotsJSON: Codable, Sendable, Equatable {
    /// One hexagonal cell.
    public struct Cell: Codable, Sendable, Equatable {
        /// Axial coordinates of the cell.
        public var q: Int64
        public var r: Int64
        /// Closed ring of `[lon, lat]` corners (WGS84).
        public var ring: [[Double]]
        /// Incidents in the cell over the period.
        public var count: Int64
        /// Window positions in which the cell was a hotspot, and that as a share of all positions.
        public var hotspotWindows: Int
        public var frequency: Double
        /// 1 = most often a hotspot.
        public var rank: Int
    }

    public var city: String
    public var primaryType: String?
    /// The period, `YYYY-MM`, inclusive; absent when not given (the newest twelve months).
    public var from: String?
    public var to: String?
    public var windowMonths: Int
    /// Positions of the sliding window over the period.
    public var windowPositions: Int
    /// Share (0-1) of the period's crime inside the ranked cells.
    public var capturedShare: Double
    /// `YYYY-MM` months of the period with no data at all.
    public var missingMonths: [String]
    public var cellSideMeters: Double
    public var projection: String
    public var cells: [Cell]

    public init(query: HotspotsQuery, response: HexHotspotsResponse) {
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
