import CrimeScopeProtos

/// `crimescope.predict.v1.ForecastRequest`: asks for the weekly beat forecast.
public struct ForecastRequest: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.ForecastRequest"

    public var city: String
    /// Monday of the week to forecast, "YYYY-MM-DD"; empty means the week after the data.
    public var weekStart: String
    public var weeksAhead: Int32
    public var crimeGroup: String
    public var topContributions: Int32

    public init(
        city: String = "", weekStart: String = "", weeksAhead: Int32 = 0, crimeGroup: String = "",
        topContributions: Int32 = 0
    ) {
        self.city = city
        self.weekStart = weekStart
        self.weeksAhead = weeksAhead
        self.crimeGroup = crimeGroup
        self.topContributions = topContributions
    }

    typealias CMessage = Crimescope__Predict__V1__ForecastRequest
    static let cInit = crimescope__predict__v1__forecast_request__init
    static let cUnpack = crimescope__predict__v1__forecast_request__unpack
    static let cFree = crimescope__predict__v1__forecast_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.week_start = arena.string(weekStart)
        c.weeks_ahead = weeksAhead
        c.crime_group = arena.string(crimeGroup)
        c.top_contributions = topContributions
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        weekStart = CRead.string(c.week_start)
        weeksAhead = c.weeks_ahead
        crimeGroup = CRead.string(c.crime_group)
        topContributions = c.top_contributions
    }
}
