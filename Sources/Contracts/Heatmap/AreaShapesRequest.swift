import CrimeScopeProtos

/// `crimescope.heatmap.v1.AreaShapesRequest`: asks for a city's simplified area shapes.
public struct AreaShapesRequest: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.AreaShapesRequest"

    public var city: String
    /// Simplification tolerance in metres; 0 picks a browser-friendly default.
    public var toleranceMeters: Double

    public init(city: String = "", toleranceMeters: Double = 0) {
        self.city = city
        self.toleranceMeters = toleranceMeters
    }

    typealias CMessage = Crimescope__Heatmap__V1__AreaShapesRequest
    static let cInit = crimescope__heatmap__v1__area_shapes_request__init
    static let cUnpack = crimescope__heatmap__v1__area_shapes_request__unpack
    static let cFree = crimescope__heatmap__v1__area_shapes_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.tolerance_meters = toleranceMeters
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        toleranceMeters = c.tolerance_meters
    }
}
