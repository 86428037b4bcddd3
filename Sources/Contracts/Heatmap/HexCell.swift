import CrimeScopeProtos

/// `crimescope.heatmap.v1.HexCell`: one hexagonal cell (axial coordinates q, r) and its hotspot statistics.
public struct HexCell: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.HexCell"

    public var q: Int64
    public var r: Int64
    /// The cell polygon as a GeoJSON geometry object (WGS84).
    public var geoJSON: String
    public var count: Int64
    /// Window positions in which the cell was a hotspot, and its share of all positions.
    public var hotspotWindows: Int32
    public var frequency: Double
    public var rank: Int32

    public init(
        q: Int64 = 0, r: Int64 = 0, geoJSON: String = "", count: Int64 = 0, hotspotWindows: Int32 = 0,
        frequency: Double = 0, rank: Int32 = 0
    ) {
        self.q = q
        self.r = r
        self.geoJSON = geoJSON
        self.count = count
        self.hotspotWindows = hotspotWindows
        self.frequency = frequency
        self.rank = rank
    }

    typealias CMessage = Crimescope__Heatmap__V1__HexCell
    static let cInit = crimescope__heatmap__v1__hex_cell__init
    static let cUnpack = crimescope__heatmap__v1__hex_cell__unpack
    static let cFree = crimescope__heatmap__v1__hex_cell__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.q = q
        c.r = r
        c.geojson = arena.string(geoJSON)
        c.count = count
        c.hotspot_windows = hotspotWindows
        c.frequency = frequency
        c.rank = rank
    }

    init(c: CMessage) {
        q = c.q
        r = c.r
        geoJSON = CRead.string(c.geojson)
        count = c.count
        hotspotWindows = c.hotspot_windows
        frequency = c.frequency
        rank = c.rank
    }
}
