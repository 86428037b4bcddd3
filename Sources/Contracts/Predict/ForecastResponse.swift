import CrimeScopeProtos

/// `crimescope.predict.v1.ForecastResponse`: the weekly forecast per area.
public struct ForecastResponse: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.ForecastResponse"

    public var modelVersion: String
    public var weekStart: String
    public var areas: [AreaForecast]

    public init(modelVersion: String = "", weekStart: String = "", areas: [AreaForecast] = []) {
        self.modelVersion = modelVersion
        self.weekStart = weekStart
        self.areas = areas
    }

    typealias CMessage = Crimescope__Predict__V1__ForecastResponse
    static let cInit = crimescope__predict__v1__forecast_response__init
    static let cUnpack = crimescope__predict__v1__forecast_response__unpack
    static let cFree = crimescope__predict__v1__forecast_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.model_version = arena.string(modelVersion)
        c.week_start = arena.string(weekStart)
        c.n_areas = areas.count
        c.areas = arena.messages(areas)
    }

    init(c: CMessage) {
        modelVersion = CRead.string(c.model_version)
        weekStart = CRead.string(c.week_start)
        areas = CRead.messages(c.n_areas, c.areas, as: AreaForecast.self)
    }
}
