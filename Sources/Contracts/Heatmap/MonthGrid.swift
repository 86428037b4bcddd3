import CrimeScopeProtos

/// `crimescope.heatmap.v1.MonthGrid`: one month's 300x300 grid, sparse: cell index = row * width + column, row 0 at min_lat.
public struct MonthGrid: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.MonthGrid"

    public var month: Int32
    public var cellIndex: [UInt32]
    public var count: [UInt32]
    public var total: Int64
    public var missing: Bool

    public init(month: Int32 = 0, cellIndex: [UInt32] = [], count: [UInt32] = [], total: Int64 = 0, missing: Bool = false) {
        self.month = month
        self.cellIndex = cellIndex
        self.count = count
        self.total = total
        self.missing = missing
    }

    typealias CMessage = Crimescope__Heatmap__V1__MonthGrid
    static let cInit = crimescope__heatmap__v1__month_grid__init
    static let cUnpack = crimescope__heatmap__v1__month_grid__unpack
    static let cFree = crimescope__heatmap__v1__month_grid__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.month = month
        c.n_cell_index = cellIndex.count
        c.cell_index = arena.array(cellIndex)
        c.n_count = count.count
        c.count = arena.array(count)
        c.total = total
        c.missing = CWrite.bool(missing)
    }

    init(c: CMessage) {
        month = c.month
        cellIndex = CRead.array(c.n_cell_index, c.cell_index)
        count = CRead.array(c.n_count, c.count)
        total = c.total
        missing = CRead.bool(c.missing)
    }
}
