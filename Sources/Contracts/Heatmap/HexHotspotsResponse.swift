import CrimeScopeProtos

/// `crimescope.heatmap.v1.HexHotspotsResponse`: ranked hotspot cells and how much crime they capture.
public struct HexHotspotsResponse: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.HexHotspotsResponse"

    public var cells: [HexCell]
    public var windowPositions: Int32
    public var missingMonths: [String]
    /// Share of the period's crime that falls in the ranked hotspot cells.
    public var capturedShare: Double
    public var cellSideMeters: Double
    public var projection: String

    public init(
        cells: [HexCell] = [], windowPositions: Int32 = 0, missingMonths: [String] = [], capturedShare: Double = 0,
        cellSideMeters: Double = 0, projection: String = ""
    ) {
        self.cells = cells
        self.windowPositions = windowPositions
        self.missingMonths = missingMonths
        self.capturedShare = capturedShare
        self.cellSideMeters = cellSideMeters
        self.projection = projection
    }

    typealias CMessage = Crimescope__Heatmap__V1__HexHotspotsResponse
    static let cInit = crimescope__heatmap__v1__hex_hotspots_response__init
    static let cUnpack = crimescope__heatmap__v1__hex_hotspots_response__unpack
    static let cFree = crimescope__heatmap__v1__hex_hotspots_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_cells = cells.count
        c.cells = arena.messages(cells)
        c.window_positions = windowPositions
        c.n_missing_months = missingMonths.count
        c.missing_months = arena.strings(missingMonths)
        c.captured_share = capturedShare
        c.cell_side_meters = cellSideMeters
        c.projection = arena.string(projection)
    }

    init(c: CMessage) {
        cells = CRead.messages(c.n_cells, c.cells, as: HexCell.self)
        windowPositions = c.window_positions
        missingMonths = CRead.strings(c.n_missing_months, c.missing_months)
        capturedShare = c.captured_share
        cellSideMeters = c.cell_side_meters
        projection = CRead.string(c.projection)
    }
}
