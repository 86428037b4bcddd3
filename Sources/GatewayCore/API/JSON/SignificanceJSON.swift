import Contracts

/// `GET /api/v1/hotspots/significance`: Getis–Ord Gi* for every unit of the study region
/// (zero counts included), two-sided normal p, Benjamini–Hochberg q over all units, the class
/// at the FDR level, and the weights used.
public struct SignificanceJSON: Codable, Sendable, Equatable {
    /// What the statistics are, in one line (the UI shows it beside the legend).
    public static let method = "Getis–Ord Gi* (z-score; binary weights, the unit included), two-sided normal p, "
        + "Benjamini–Hochberg false-discovery-rate control over all units"

    /// The spatial weights used.
    public struct Weights: Codable, Sendable, Equatable {
        public var description: String
        /// Units in the region (n).
        public var units: Int
        /// Mean neighbours per unit, the unit itself left out.
        public var meanNeighbours: Double
    }

    /// One unit of the region.
    public struct Unit: Codable, Sendable, Equatable {
        /// units=areas: the area id.
        public var area: String?
        /// units=hex: axial coordinates and the closed `[lon, lat]` ring (WGS84).
        public var hexQ: Int64?
        public var hexR: Int64?
        public var ring: [[Double]]?
        public var count: Int64
        public var z: Double
        public var p: Double
        public var q: Double
        /// `hot`, `cold` or `none` (q > alpha).
        public var `class`: String
        /// Indices into `results` of the unit's neighbours, itself left out.
        public var neighbours: [Int]
    }

    public var city: String
    public var primaryType: String?
    public var from: String
    public var to: String
    /// `areas` or `hex`.
    public var units: String
    public var alpha: Double
    public var method: String
    public var weights: Weights
    /// How the study region was formed.
    public var region: String
    public var hotCount: Int
    public var coldCount: Int
    /// Incidents of the period in no unit of the region.
    public var excludedIncidents: Int64
    public var missingMonths: [String]
    public var cellSideMeters: Double?
    public var projection: String?
    public var results: [Unit]

    public init(query: SignificanceQuery, response: SignificanceResponse) {
        let hex = query.request.units == "hex"
        city = query.request.city
        primaryType = query.request.primaryType.isEmpty ? nil : query.request.primaryType
        from = query.from.label
        to = query.to.label
        units = query.request.units
        alpha = response.alpha
        method = Self.method
        weights = Weights(description: response.weights, units: Int(response.unitCount), meanNeighbours: response.meanNeighbours)
        region = response.region
        hotCount = Int(response.hotCount)
        coldCount = Int(response.coldCount)
        excludedIncidents = response.excludedIncidents
        missingMonths = response.missingMonths
        cellSideMeters = hex ? response.cellSideMeters : nil
        projection = hex ? response.projection : nil
        results = response.units.map { unit in
            Unit(area: hex ? nil : unit.area, hexQ: hex ? unit.q : nil, hexR: hex ? unit.r : nil,
                 ring: hex ? HotspotsJSON.ring(unit.geoJSON) : nil, count: unit.count, z: unit.z, p: unit.p, q: unit.qValue,
                 class: unit.classification.isEmpty ? "none" : unit.classification, neighbours: unit.neighbours.map { Int($0) })
        }
    }
}
