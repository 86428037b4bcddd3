/// Hotspot frequency over a period: a window of W months slides month by month over the M
/// months of the period (M - W + 1 positions); in each position the top share of the non-empty
/// cells by count (at least one cell; ties broken by (q, r) ascending) are that position's
/// hotspots. Cells are ranked by the number of positions they were a hotspot in, then by their
/// count over the period, then by (q, r).
struct HexHotspots: Sendable, Equatable {
    struct Cell: Sendable, Equatable {
        var id: HexCellID
        /// Incidents over the whole period.
        var count: Int64
        var hotspotWindows: Int
        /// `hotspotWindows / positions`.
        var frequency: Double
        /// 1 for the most frequent hotspot.
        var rank: Int
    }

    /// Ranked hotspot cells (at most `limit`).
    var cells: [Cell]
    var positions: Int
    /// Share of the period's incidents in the returned cells (0 for an empty period).
    var capturedShare: Double

    /// - Parameters:
    ///   - months: incidents per cell for each month of the period, in order.
    ///   - windowMonths: W, 1 … months.count.
    ///   - topShare: share of non-empty cells that are hotspots in a position, (0, 1].
    ///   - limit: how many ranked cells to return.
    init(months: [[HexCellID: Int64]], windowMonths: Int, topShare: Double, limit: Int) {
        self.init(monthCells: months.map { $0.map { (cell: $0.key, count: $0.value) } }, windowMonths: windowMonths,
                  topShare: topShare, limit: limit)
    }

    /// The same from each month's `(cell, count)` list (a cell may repeat: its counts add up).
    ///
    /// Cells are numbered densely in (q, r) order and the window slides by adding its new month
    /// and subtracting the month that left, so each position costs one pass over the period's
    /// cells (to pick its top ones), not a rebuild of the window's sums.
    init(monthCells months: [[(cell: HexCellID, count: Int64)]], windowMonths: Int, topShare: Double, limit: Int) {
        positions = max(months.count - windowMonths + 1, 0)
        let ids = Array(Set(months.flatMap { $0.map(\.cell) })).sorted()
        let slots = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($0.element, $0.offset) })
        let dense = months.map { month in month.map { (slot: slots[$0.cell] ?? 0, count: $0.count) } }
        var periodCounts = [Int64](repeating: 0, count: ids.count)
        for month in dense {
            for (slot, count) in month { periodCounts[slot] += count }
        }
        var windows = [Int](repeating: 0, count: ids.count)
        var sums = [Int64](repeating: 0, count: ids.count)
        for start in 0..<positions {
            if start == 0 {
                for month in dense[0..<windowMonths] {
                    for (slot, count) in month { sums[slot] += count }
                }
            } else {
                for (slot, count) in dense[start - 1] { sums[slot] -= count }
                for (slot, count) in dense[start + windowMonths - 1] { sums[slot] += count }
            }
            for slot in Self.top(sums, share: topShare) { windows[slot] += 1 }
        }
        let ranked = windows.indices.filter { windows[$0] > 0 }
            .sorted { (windows[$0], periodCounts[$0]) != (windows[$1], periodCounts[$1])
                ? (windows[$0], periodCounts[$0]) > (windows[$1], periodCounts[$1]) : $0 < $1 }
            .prefix(max(limit, 0))
        let positions = positions
        cells = ranked.enumerated().map { rank, slot in
            Cell(id: ids[slot], count: periodCounts[slot], hotspotWindows: windows[slot],
                 frequency: positions == 0 ? 0 : Double(windows[slot]) / Double(positions), rank: rank + 1)
        }
        let total = periodCounts.reduce(0, +)
        let captured = cells.reduce(Int64(0)) { $0 + $1.count }
        capturedShare = total > 0 ? Double(captured) / Double(total) : 0
    }

    /// The slots of a position's hotspots: the top `share` of the slots with a positive sum (at
    /// least one), by sum descending then slot ascending ((q, r) order); none when all are empty.
    static func top(_ sums: [Int64], share: Double) -> [Int] {
        var nonEmpty = 0
        for sum in sums where sum > 0 { nonEmpty += 1 }
        guard nonEmpty > 0 else { return [] }
        let wanted = max(1, Int((share * Double(nonEmpty)).rounded(.down)))
        func before(_ a: Int, _ b: Int) -> Bool { sums[a] != sums[b] ? sums[a] > sums[b] : a < b }
        if wanted * 8 > nonEmpty {
            return Array(sums.indices.filter { sums[$0] > 0 }.sorted(by: before).prefix(wanted))
        }
        // Few wanted: keep the best `wanted` seen so far, sorted, and insert into it.
        var best: [Int] = []
        best.reserveCapacity(wanted + 1)
        for slot in sums.indices where sums[slot] > 0 {
            if best.count == wanted, let last = best.last, !before(slot, last) { continue }
            var low = 0, high = best.count
            while low < high {
                let middle = (low + high) / 2
                if before(best[middle], slot) { low = middle + 1 } else { high = middle }
            }
            best.insert(slot, at: low)
            if best.count > wanted { best.removeLast() }
        }
        return best
    }
}
