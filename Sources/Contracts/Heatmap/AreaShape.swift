import CrimeScopeProtos

/// `crimescope.heatmap.v1.AreaShape`: one area's simplified shape, centroid and size.
public struct AreaShape: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.AreaShape"

    public var area: String
    public var name: String
    /// A GeoJSON geometry object as text.
    public var geoJSON: String
    public var centroidLon: Double
    public var centroidLat: Double
    public var areaKm2: Double

    public init(
        area: String = "", name: String = "", geoJSON: String = "", centroidLon: Double = 0, centroidLat: Double = 0,
        areaKm2: Double = 0
    ) {
        self.area = area
        self.name = name
        self.geoJSON = geoJSON
        self.centroidLon = centroidLon
        self.centroidLat = centroidLat
        self.areaKm2 = areaKm2
    }

    typealias CMessage = Crimescope__Heatmap__V1__AreaShape
    static let cInit = crimescope__heatmap__v1__area_shape__init
    static let cUnpack = crimescope__heatmap__v1__area_shape__unpack
    static let cFree = crimescope__heatmap__v1__area_shape__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.area = arena.string(area)
        c.name = arena.string(name)
        c.geojson = arena.string(geoJSON)
        c.centroid_lon = centroidLon
        c.centroid_lat = centroidLat
        c.area_km2 = areaKm2
    }

    init(c: CMessage) {
        area = CRead.string(c.area)
        name = CRead.string(c.name)
        geoJSON = CRead.string(c.geojson)
        centroidLon = c.centroid_lon
        centroidLat = c.centroid_lat
        areaKm2 = c.area_km2
    }
}
