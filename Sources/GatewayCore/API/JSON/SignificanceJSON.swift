import Contracts

/// `GET /api/v1/hotspots/significance`: Getis–Ord Gi* for every unit of the study region
/// (zero counts included), two-sided normal p, Benjamini–Hochberg q over all units, the class
/// at the FDR level, and the weights used.
struct SignificanceJSON: Codable, Sendable, Equatable {
    /// What the statistics are, in one line (the UI shows it beside the legend).
    static let method = "Getis–Ord Gi* (z-score; binary weights, the unit included), two-sided normal p, "
        + "Benjamini–Hochberg false-discovery-rate control over all units"

    /// The spatial weights used.
    struct Weights: Codable, Sendable, Equatable {
        var description: String
        /// Units in the region (n).
        var units: Int
        /// Mean neighbours per unit, the unit itself left out.
        var meanNeighbours: Double
    }

    /// One unit of the region.
    struct Unit: Codable, Sendable, Equatable {
        /// units=areas: the area id.
        var area: String?
        /// units=hex: axial coordinates and the closed `[lon, lat]` ring (WGS84).
        var hexQ: Int64?
        var hexR: Int64?
        var ring: [[Double]]?
        var count: Int64
        var z: Double
        var p: Double
        var q: Double
        /// `hot`, `cold` or `none` (q > alpha).
        var `class`: String
        /// Indices into `results` of the unit's neighbours, itself left out.
        var neighbours: [Int]
    }

    var city: String
    var primaryType: String?
    var from: String
    var to: String
    /// `areas` or `hex`.
    var units: String
    var alpha: Double
    var method: String
    var weights: Weights
    /// How the study region was formed.
    var region: String
    var hotCount: Int
    var coldCount: Int
    /// Incidents of the period in no unit of the region.
    var excludedIncidents: Int64
    var missingMonths: [String]
    var cellSideMeters: Double?
    var projection: String?
    var results: [Unit]

    init(query: SignificanceQuery, response: SignificanceResponse) {
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
