import CrimeScopeProtos

/// `crimescope.heatmap.v1.AreaShapesResponse`: a city's simplified area shapes.
public struct AreaShapesResponse: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.AreaShapesResponse"

    public var shapes: [AreaShape]

    public init(shapes: [AreaShape] = []) {
        self.shapes = shapes
    }

    typealias CMessage = Crimescope__Heatmap__V1__AreaShapesResponse
    static let cInit = crimescope__heatmap__v1__area_shapes_response__init
    static let cUnpack = crimescope__heatmap__v1__area_shapes_response__unpack
    static let cFree = crimescope__heatmap__v1__area_shapes_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_shapes = shapes.count
        c.shapes = arena.messages(shapes)
    }

    init(c: CMessage) {
        shapes = CRead.messages(c.n_shapes, c.shapes, as: AreaShape.self)
    }
}
