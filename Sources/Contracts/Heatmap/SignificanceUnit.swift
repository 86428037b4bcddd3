import CrimeScopeProtos

/// `crimescope.heatmap.v1.SignificanceUnit`: one unit (area or hex cell) with its count, Gi*
/// z-score, two-sided p, Benjamini–Hochberg q, class and neighbours.
public struct SignificanceUnit: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.SignificanceUnit"

    /// units=areas: the area id (empty for hex cells).
    public var area: String
    /// units=hex: axial coordinates and the cell polygon as a GeoJSON geometry (WGS84).
    public var q: Int64
    public var r: Int64
    public var geoJSON: String
    public var count: Int64
    public var z: Double
    public var p: Double
    public var qValue: Double
    /// `hot`, `cold`, or empty when q > alpha.
    public var classification: String
    /// Indices into the response's units of the unit's neighbours (itself left out).
    public var neighbours: [Int32]

    public init(area: String = "", q: Int64 = 0, r: Int64 = 0, geoJSON: String = "", count: Int64 = 0, z: Double = 0,
                p: Double = 0, qValue: Double = 0, classification: String = "", neighbours: [Int32] = []) {
        self.area = area
        self.q = q
        self.r = r
        self.geoJSON = geoJSON
        self.count = count
        self.z = z
        self.p = p
        self.qValue = qValue
        self.classification = classification
        self.neighbours = neighbours
    }

    typealias CMessage = Crimescope__Heatmap__V1__SignificanceUnit
    static let cInit = crimescope__heatmap__v1__significance_unit__init
    static let cUnpack = crimescope__heatmap__v1__significance_unit__unpack
    static let cFree = crimescope__heatmap__v1__significance_unit__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.area = arena.string(area)
        c.q = q
        c.r = r
        c.geojson = arena.string(geoJSON)
        c.count = count
        c.z = z
        c.p = p
        c.q_value = qValue
        c.classification = arena.string(classification)
        c.n_neighbours = neighbours.count
        c.neighbours = arena.array(neighbours)
    }

    init(c: CMessage) {
        area = CRead.string(c.area)
        q = c.q
        r = c.r
        geoJSON = CRead.string(c.geojson)
        count = c.count
        z = c.z
        p = c.p
        qValue = c.q_value
        classification = CRead.string(c.classification)
        neighbours = CRead.array(c.n_neighbours, c.neighbours)
    }
}
