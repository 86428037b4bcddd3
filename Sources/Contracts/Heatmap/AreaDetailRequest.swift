import CrimeScopeProtos

/// `crimescope.heatmap.v1.AreaDetailRequest`: asks for one area's details over optional years.
public struct AreaDetailRequest: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.AreaDetailRequest"

    public var area: AreaId?
    /// 0 = not given.
    public var yearFrom: Int32
    public var yearTo: Int32

    public init(area: AreaId? = nil, yearFrom: Int32 = 0, yearTo: Int32 = 0) {
        self.area = area
        self.yearFrom = yearFrom
        self.yearTo = yearTo
    }

    typealias CMessage = Crimescope__Heatmap__V1__AreaDetailRequest
    static let cInit = crimescope__heatmap__v1__area_detail_request__init
    static let cUnpack = crimescope__heatmap__v1__area_detail_request__unpack
    static let cFree = crimescope__heatmap__v1__area_detail_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.area = area?.cPointer(in: arena)
        c.year_from = yearFrom
        c.year_to = yearTo
    }

    init(c: CMessage) {
        area = CRead.message(c.area, as: AreaId.self)
        yearFrom = c.year_from
        yearTo = c.year_to
    }
}
