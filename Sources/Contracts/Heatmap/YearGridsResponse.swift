import CrimeScopeProtos

/// `crimescope.heatmap.v1.YearGridsResponse`: a year's twelve monthly grids over the city bounds.
public struct YearGridsResponse: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.YearGridsResponse"

    public var width: Int32
    public var height: Int32
    public var bounds: BoundingBox?
    public var months: [MonthGrid]
    /// 95th percentile of non-empty cells over all twelve months.
    public var normalisation: Double

    public init(
        width: Int32 = 0, height: Int32 = 0, bounds: BoundingBox? = nil, months: [MonthGrid] = [],
        normalisation: Double = 0
    ) {
        self.width = width
        self.height = height
        self.bounds = bounds
        self.months = months
        self.normalisation = normalisation
    }

    typealias CMessage = Crimescope__Heatmap__V1__YearGridsResponse
    static let cInit = crimescope__heatmap__v1__year_grids_response__init
    static let cUnpack = crimescope__heatmap__v1__year_grids_response__unpack
    static let cFree = crimescope__heatmap__v1__year_grids_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.width = width
        c.height = height
        c.bounds = bounds?.cPointer(in: arena)
        c.n_months = months.count
        c.months = arena.messages(months)
        c.normalisation = normalisation
    }

    init(c: CMessage) {
        width = c.width
        height = c.height
        bounds = CRead.message(c.bounds, as: BoundingBox.self)
        months = CRead.messages(c.n_months, c.months, as: MonthGrid.self)
        normalisation = c.normalisation
    }
}
