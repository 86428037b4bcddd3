import CrimeScopeProtos

/// `crimescope.heatmap.v1.SeriesResponse`: weekly series per area and crime group.
public struct SeriesResponse: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.SeriesResponse"

    public var series: [AreaSeries]

    public init(series: [AreaSeries] = []) {
        self.series = series
    }

    typealias CMessage = Crimescope__Heatmap__V1__SeriesResponse
    static let cInit = crimescope__heatmap__v1__series_response__init
    static let cUnpack = crimescope__heatmap__v1__series_response__unpack
    static let cFree = crimescope__heatmap__v1__series_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_series = series.count
        c.series = arena.messages(series)
    }

    init(c: CMessage) {
        series = CRead.messages(c.n_series, c.series, as: AreaSeries.self)
    }
}
