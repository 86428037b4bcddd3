/// Hotspot frequency over a period: a window of W months slides month by month over the M
/// months of the period (M - W + 1 positions); in each position the top share of the non-empty
/// cells by count (at least one cell; ties broken by (q, r) ascending) are that position's
/// hotspots. Cells are ranked by the number of positions they were a hotspot in, then by their
/// count over the period, then by (q, r).
public struct HexHotspots: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public var id: HexCellID
        /// Incidents over the whole period.
        public var count: Int64
        public var hotspotWindows: Int
        /// `hotspotWindows / positions`.
        public var frequency: Double
        /// 1 for the most frequent hotspot.
        public var rank: Int
    }

    /// Ranked hotspot cells (at most `limit`).
    public var cells: [Cell]
    public var positions: Int
    /// Share of the period's incidents in the returned cells (0 for an empty period).
    public var capturedShare: Double

    /// - Parameters:
    ///   - months: incidents per cell for each month of the period, in order.
    ///   - windowMonths: W, 1 … months.count.
    ///   - topShare: share of non-empty cells that are hotspots in a position, (0, 1].
    ///   - limit: how many ranked cells to return.
    public init(months: [[HexCellID: Int64]], windowMonths: Int, topShare: Double, limit: Int) {
        positions = max(months.count - windowMonths + 1, 0)
        var periodCounts: [HexCellID: Int64] = [:]
        for month in months {
            for (cell, count) in month { periodCounts[cell, default: 0] += count }
        }
        var windows: [HexCellID: Int] = [:]
        for start in 0..<positions {
            var sums: [HexCellID: Int64] = [:]
            for month in months[start..<(start + windowMonths)] {
                for (cell, count) in month { sums[cell, default: 0] += count }
            }
            let nonEmpty = sums.filter { $0.value > 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            guard !nonEmpty.isEmpty else { continue }
            let top = max(1, Int((topShare * Double(nonEmpty.count)).rounded(.down)))
            for (cell, _) in nonEmpty.prefix(top) { windows[cell, default: 0] += 1 }
        }
        let ranked = windows.map { (id: $0.key, windows: $0.value, count: periodCounts[$0.key] ?? 0) }
            .sorted { ($0.windows, $0.count) != ($1.windows, $1.count)
                ? ($0.windows, $0.count) > ($1.windows, $1.count) : $0.id < $1.id }
            .prefix(max(limit, 0))
        let positions = positions
        cells = ranked.enumerated().map { index, cell in
            Cell(id: cell.id, count: cell.count, hotspotWindows: cell.windows,
                 frequency: positions == 0 ? 0 : Double(cell.windows) / Double(positions), rank: index + 1)
        }
        let total = periodCounts.values.reduce(0, +)
        let captured = cells.reduce(Int64(0)) { $0 + $1.count }
        capturedShare = total > 0 ? Double(captured) / Double(total) : 0
    }
}
