@testable import HeatmapCore
import Testing

/// Grid cells and the normalisation percentile, no database.
@Suite("Year grid cells")
struct GridTests {
    /// Chicago's Loop (Daley Plaza area), by hand: column ⌊(-87.6298 + 87.95) / 0.43 × 300⌋ =
    /// ⌊223.39⌋ = 223, row ⌊(41.8781 - 41.64) / 0.39 × 300⌋ = ⌊183.15⌋ = 183.
    @Test func knownPointCell() throws {
        let chicago = try #require(GridBounds.of(city: "chicago"))
        #expect(chicago.cell(lon: -87.6298, lat: 41.8781) == 183 * 300 + 223)
        #expect(chicago.cell(lon: -87.95, lat: 41.64) == 0)
        #expect(chicago.cell(lon: -87.5200001, lat: 42.0299999) == 299 * 300 + 299)
        #expect(chicago.cell(lon: -87.52, lat: 41.9) == nil, "max edge is outside")
        #expect(chicago.cell(lon: -88.5, lat: 41.9) == nil)
        #expect(GridBounds.of(city: "uk-durham") == nil)
    }

    @Test func percentileAndMissingMonths() {
        #expect(YearGrids.percentile95([]) == 0)
        #expect(YearGrids.percentile95([7]) == 7)
        #expect(YearGrids.percentile95(Array(1...100)) == 95)
        #expect(YearGrids.percentile95(Array(1...20)) == 19)
        let grids = YearGrids(rows: [(3, 10, 2), (3, 5, 4), (1, 7, 1), (2, 9, 0)], monthsWithData: [1, 2, 3])
        #expect(grids.months[2].cells == [5, 10] && grids.months[2].total == 6)
        #expect(grids.months[1].cells.isEmpty && !grids.months[1].missing, "a month with data but no cells is zero, not missing")
        #expect(grids.months[3].missing)
    }
}
