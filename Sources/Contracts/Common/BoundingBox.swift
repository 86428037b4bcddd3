import CrimeScopeProtos

/// `crimescope.common.v1.BoundingBox`: a WGS84 bounding box.
public struct BoundingBox: CBackedMessage {
    public static let protoName = "crimescope.common.v1.BoundingBox"

    public var minLon: Double
    public var minLat: Double
    public var maxLon: Double
    public var maxLat: Double

    public init(minLon: Double = 0, minLat: Double = 0, maxLon: Double = 0, maxLat: Double = 0) {
        self.minLon = minLon
        self.minLat = minLat
        self.maxLon = maxLon
        self.maxLat = maxLat
    }

    typealias CMessage = Crimescope__Common__V1__BoundingBox
    static let cInit = crimescope__common__v1__bounding_box__init
    static let cUnpack = crimescope__common__v1__bounding_box__unpack
    static let cFree = crimescope__common__v1__bounding_box__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.min_lon = minLon
        c.min_lat = minLat
        c.max_lon = maxLon
        c.max_lat = maxLat
    }

    init(c: CMessage) {
        minLon = c.min_lon
        minLat = c.min_lat
        maxLon = c.max_lon
        maxLat = c.max_lat
    }
}
