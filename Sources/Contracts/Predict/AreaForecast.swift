import CrimeScopeProtos

/// `crimescope.predict.v1.AreaForecast`: one area's expected weekly count and explanation.
public struct AreaForecast: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.AreaForecast"

    public var area: String
    public var expectedCount: Double
    public var explanation: Explanation?

    public init(area: String = "", expectedCount: Double = 0, explanation: Explanation? = nil) {
        self.area = area
        self.expectedCount = expectedCount
        self.explanation = explanation
    }

    typealias CMessage = Crimescope__Predict__V1__AreaForecast
    static let cInit = crimescope__predict__v1__area_forecast__init
    static let cUnpack = crimescope__predict__v1__area_forecast__unpack
    static let cFree = crimescope__predict__v1__area_forecast__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.area = arena.string(area)
        c.expected_count = expectedCount
        c.explanation = explanation?.cPointer(in: arena)
    }

    init(c: CMessage) {
        area = CRead.string(c.area)
        expectedCount = c.expected_count
        explanation = CRead.message(c.explanation, as: Explanation.self)
    }
}
