import CrimeScopeProtos

/// `crimescope.heatmap.v1.SignificanceResponse`: Gi* for every unit of the study region, the
/// weights used and how the region was formed.
public struct SignificanceResponse: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.SignificanceResponse"

    public var units: [SignificanceUnit]
    /// A description of the spatial weights, e.g. "binary contiguity, queen, unit included (Gi*)".
    public var weights: String
    public var unitCount: Int32
    /// Mean neighbours per unit, the unit itself left out.
    public var meanNeighbours: Double
    /// How the study region was formed.
    public var region: String
    public var alpha: Double
    public var hotCount: Int32
    public var coldCount: Int32
    /// Incidents of the period in no unit of the region.
    public var excludedIncidents: Int64
    /// Months of the period without any data.
    public var missingMonths: [String]
    /// units=hex: the cells' side and the projection.
    public var cellSideMeters: Double
    public var projection: String

    public init(units: [SignificanceUnit] = [], weights: String = "", unitCount: Int32 = 0, meanNeighbours: Double = 0,
                region: String = "", alpha: Double = 0, hotCount: Int32 = 0, coldCount: Int32 = 0,
                excludedIncidents: Int64 = 0, missingMonths: [String] = [], cellSideMeters: Double = 0,
                projection: String = "") {
        self.units = units
        self.weights = weights
        self.unitCount = unitCount
        self.meanNeighbours = meanNeighbours
        self.region = region
        self.alpha = alpha
        self.hotCount = hotCount
        self.coldCount = coldCount
        self.excludedIncidents = excludedIncidents
        self.missingMonths = missingMonths
        self.cellSideMeters = cellSideMeters
        self.projection = projection
    }

    typealias CMessage = Crimescope__Heatmap__V1__SignificanceResponse
    static let cInit = crimescope__heatmap__v1__significance_response__init
    static let cUnpack = crimescope__heatmap__v1__significance_response__unpack
    static let cFree = crimescope__heatmap__v1__significance_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_units = units.count
        c.units = arena.messages(units)
        c.weights = arena.string(weights)
        c.unit_count = unitCount
        c.mean_neighbours = meanNeighbours
        c.region = arena.string(region)
        c.alpha = alpha
        c.hot_count = hotCount
        c.cold_count = coldCount
        c.excluded_incidents = excludedIncidents
        c.n_missing_months = missingMonths.count
        c.missing_months = arena.strings(missingMonths)
        c.cell_side_meters = cellSideMeters
        c.projection = arena.string(projection)
    }

    init(c: CMessage) {
        units = CRead.messages(c.n_units, c.units, as: SignificanceUnit.self)
        weights = CRead.string(c.weights)
        unitCount = c.unit_count
        meanNeighbours = c.mean_neighbours
        region = CRead.string(c.region)
        alpha = c.alpha
        hotCount = c.hot_count
        coldCount = c.cold_count
        excludedIncidents = c.excluded_incidents
        missingMonths = CRead.strings(c.n_missing_months, c.missing_months)
        cellSideMeters = c.cell_side_meters
        projection = CRead.string(c.projection)
    }
}
