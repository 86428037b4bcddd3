import CrimeScopeProtos

/// `crimescope.heatmap.v1.City`: one city served: name, time zone, bounds and months with data.
public struct City: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.City"

    public var city: String
    public var name: String
    public var timeZone: String
    public var bounds: BoundingBox?
    public var availableMonths: [String]

    public init(
        city: String = "", name: String = "", timeZone: String = "", bounds: BoundingBox? = nil,
        availableMonths: [String] = []
    ) {
        self.city = city
        self.name = name
        self.timeZone = timeZone
        self.bounds = bounds
        self.availableMonths = availableMonths
    }

    typealias CMessage = Crimescope__Heatmap__V1__City
    static let cInit = crimescope__heatmap__v1__city__init
    static let cUnpack = crimescope__heatmap__v1__city__unpack
    static let cFree = crimescope__heatmap__v1__city__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.name = arena.string(name)
        c.time_zone = arena.string(timeZone)
        c.bounds = bounds?.cPointer(in: arena)
        c.n_available_months = availableMonths.count
        c.available_months = arena.strings(availableMonths)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        name = CRead.string(c.name)
        timeZone = CRead.string(c.time_zone)
        bounds = CRead.message(c.bounds, as: BoundingBox.self)
        availableMonths = CRead.strings(c.n_available_months, c.available_months)
    }
}
