import CrimeScopeProtos

/// `crimescope.heatmap.v1.HourRange`: hours 0-23, both inclusive; hour_min > hour_max wraps midnight (22 -> 5 is 22, 23, 0, ..., 5).
public struct HourRange: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.HourRange"

    public var hourMin: Int32
    public var hourMax: Int32

    public init(hourMin: Int32 = 0, hourMax: Int32 = 0) {
        self.hourMin = hourMin
        self.hourMax = hourMax
    }

    typealias CMessage = Crimescope__Heatmap__V1__HourRange
    static let cInit = crimescope__heatmap__v1__hour_range__init
    static let cUnpack = crimescope__heatmap__v1__hour_range__unpack
    static let cFree = crimescope__heatmap__v1__hour_range__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.hour_min = hourMin
        c.hour_max = hourMax
    }

    init(c: CMessage) {
        hourMin = c.hour_min
        hourMax = c.hour_max
    }
}
