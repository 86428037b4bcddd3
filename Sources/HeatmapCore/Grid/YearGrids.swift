/// A city's twelve monthly grids of one year, sparse, with the colour-scale normalisation.
struct YearGrids: Sendable, Equatable {
    /// One month's non-empty cells, ascending by cell index.
    struct Month: Sendable, Equatable {
        var month: Int
        var cells: [Int] = []
        var counts: [Int64] = []
        var total: Int64 = 0
        /// No incident of the city at all in this month (not zero crime).
        var missing: Bool
    }

    var months: [Month]
    /// The 95th percentile (nearest rank) of the non-empty cell counts over all twelve months; 0 when none.
    var normalisation: Double

    /// Builds the grids from `(month, cell, count)` rows (any order; non-positive counts dropped)
    /// and the months the city has data in.
    init(rows: [(month: Int, cell: Int, count: Int64)], monthsWithData: Set<Int>) {
        var months = (1...12).map { Month(month: $0, missing: !monthsWithData.contains($0)) }
        var all: [Int64] = []
        for row in rows.sorted(by: { ($0.month, $0.cell) < ($1.month, $1.cell) })
        where row.count > 0 && (1...12).contains(row.month) {
            months[row.month - 1].cells.append(row.cell)
            months[row.month - 1].counts.append(row.count)
            months[row.month - 1].total += row.count
            all.append(row.count)
        }
        self.months = months
        self.normalisation = Self.percentile95(all)
    }

    /// Nearest-rank 95th percentile: the value at rank ⌈0.95 n⌉ of the ascending values.
    static func percentile95(_ values: [Int64]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = (95 * sorted.count + 99) / 100
        return Double(sorted[max(rank, 1) - 1])
    }
}
