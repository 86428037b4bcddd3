import CrimeScopeProtos

/// `crimescope.predict.v1.CurvePoint`: one point of a curve.
public struct CurvePoint: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.CurvePoint"

    public var x: Double
    public var y: Double

    public init(x: Double = 0, y: Double = 0) {
        self.x = x
        self.y = y
    }

    typealias CMessage = Crimescope__Predict__V1__CurvePoint
    static let cInit = crimescope__predict__v1__curve_point__init
    static let cUnpack = crimescope__predict__v1__curve_point__unpack
    static let cFree = crimescope__predict__v1__curve_point__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.x = x
        c.y = y
    }

    init(c: CMessage) {
        x = c.x
        y = c.y
    }
}
