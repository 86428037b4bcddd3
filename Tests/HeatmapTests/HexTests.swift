@testable import HeatmapCore
import Testing

/// Projections, hex cells and the hotspot ranking, no database.
@Suite("Hex cells and hotspots")
struct HexTests {
    /// The Ordnance Survey's worked example (Guide to coordinate systems, annex C):
    /// OSGB36 52°39′27.2531″N 1°43′4.5177″E is E 651409.903, N 313177.270.
    @Test func britishNationalGridWorkedExample() {
        let lat = 52 + 39 / 60.0 + 27.2531 / 3_600, lon = 1 + 43 / 60.0 + 4.5177 / 3_600
        let grid = TransverseMercator.britishNationalGrid.forward(lat: lat, lon: lon)
        #expect(abs(grid.east - 651_409.903) < 0.01 && abs(grid.north - 313_177.270) < 0.01, "\(grid)")
        let back = TransverseMercator.britishNationalGrid.inverse(east: grid.east, north: grid.north)
        #expect(abs(back.lat - lat) < 1e-8 && abs(back.lon - lon) < 1e-8)
    }

    /// Nelson's Column, WGS84 51.50775°N 0.12801°W, is at about E 530 0xx, N 180 4xx on the
    /// National Grid (TQ 300 804); the Helmert shift moves it ~100 m, so a wrong datum fails this.
    @Test func wgs84ToNationalGrid() throws {
        let projection = try #require(CityProjection.of(city: "uk-metropolitan"))
        let point = projection.project(lon: -0.12801, lat: 51.50775)
        #expect((529_950...530_100).contains(point.x) && (180_350...180_500).contains(point.y), "\(point)")
        let back = projection.unproject(x: point.x, y: point.y)
        #expect(abs(back.lon + 0.12801) < 1e-6 && abs(back.lat - 51.50775) < 1e-6, "round trip within ~0.1 m: \(back)")
    }

    @Test func localTransverseMercator() throws {
        let chicago = try #require(CityProjection.of(city: "chicago"))
        let origin = chicago.project(lon: -87.65, lat: 41.85)
        #expect(abs(origin.x) < 1e-6 && abs(origin.y) < 1e-6)
        let north = chicago.project(lon: -87.65, lat: 41.86)
        #expect(abs(north.y - 1_110.9) < 1, "0.01° of latitude at 41.85°N is ~1,110.9 m: \(north.y)")
        let loop = chicago.project(lon: -87.6298, lat: 41.8781)
        let back = chicago.unproject(x: loop.x, y: loop.y)
        #expect(abs(back.lon + 87.6298) < 1e-9 && abs(back.lat - 41.8781) < 1e-9)
        #expect(CityProjection.of(city: "uk-west-yorkshire") != nil && CityProjection.of(city: "gotham") == nil)
    }

    @Test func hexCellCentresRoundTrip() throws {
        let grid = HexGrid()
        for (q, r) in [(0, 0), (1, 0), (0, 1), (-3, 7), (25, -40), (-120, -5)] {
            let centre = grid.centre(q: q, r: r)
            #expect(grid.cell(x: centre.x, y: centre.y) == (q, r))
            for corner in grid.corners(q: q, r: r) {
                let distance = ((corner.x - centre.x) * (corner.x - centre.x) + (corner.y - centre.y) * (corner.y - centre.y)).squareRoot()
                #expect(abs(distance - 200) < 1e-9)
                // A point just inside each corner stays in the cell.
                #expect(grid.cell(x: centre.x + (corner.x - centre.x) * 0.98, y: centre.y + (corner.y - centre.y) * 0.98) == (q, r))
            }
        }
        // By hand: (x, y) = (350, 0) is 350 m east; centres of (1, 0) and (2, 0) are 346.4 m and 692.8 m east.
        #expect(grid.cell(x: 350, y: 0) == (1, 0))
        #expect(grid.cell(x: 0, y: 310) == (-1, 1), "(−1, 1) is centred at (−173.2, 300)")
        // A known point in Chicago: its cell's centre, projected back and forth, is the same cell and within 200 m.
        let chicago = try #require(CityProjection.of(city: "chicago"))
        let loop = chicago.project(lon: -87.6298, lat: 41.8781)
        let cell = grid.cell(x: loop.x, y: loop.y)
        let centre = grid.centre(q: cell.q, r: cell.r)
        let wgs = chicago.unproject(x: centre.x, y: centre.y)
        let again = chicago.project(lon: wgs.lon, lat: wgs.lat)
        #expect(grid.cell(x: again.x, y: again.y) == cell)
        #expect(((loop.x - centre.x) * (loop.x - centre.x) + (loop.y - centre.y) * (loop.y - centre.y)).squareRoot() <= 200)
    }

    /// A hand-checked fixture: A = (0, 0), B = (1, 0), C = (0, 1); month 3 has no data.
    @Test func hotspotRankingFixture() {
        let a = HexCellID(q: 0, r: 0), b = HexCellID(q: 1, r: 0), c = HexCellID(q: 0, r: 1)
        let months: [[HexCellID: Int64]] = [[a: 5, b: 3], [a: 2, b: 4], [a: 4, b: 4, c: 1], [:]]
        // W = 1, top one cell per month: A (5 > 3), B (4 > 2), A (tie 4 = 4, A first by (q, r)), none.
        let monthly = HexHotspots(months: months, windowMonths: 1, topShare: 0.001, limit: 10)
        #expect(monthly.positions == 4)
        #expect(monthly.cells.map(\.id) == [a, b])
        #expect(monthly.cells.map(\.hotspotWindows) == [2, 1] && monthly.cells.map(\.rank) == [1, 2])
        #expect(monthly.cells.map(\.count) == [11, 11] && monthly.cells[0].frequency == 0.5)
        #expect(abs(monthly.capturedShare - 22.0 / 23.0) < 1e-12)
        // W = 3: positions [0, 2] (A 11, B 11, C 1: A by tie-break) and [1, 3] (B 8 > A 6).
        let quarterly = HexHotspots(months: months, windowMonths: 3, topShare: 0.001, limit: 10)
        #expect(quarterly.positions == 2 && quarterly.cells.map(\.id) == [a, b] && quarterly.cells.map(\.hotspotWindows) == [1, 1])
        // A share of 0.67 takes ⌊0.67 n⌋ of n non-empty cells: one of two (months 0, 1), two of
        // three (month 2: A and B); A and B tie on 2 windows and 11 incidents, A first; limit 1 keeps A.
        let wide = HexHotspots(months: months, windowMonths: 1, topShare: 0.67, limit: 1)
        #expect(wide.cells.count == 1 && wide.cells[0].id == a && wide.cells[0].hotspotWindows == 2)
        #expect(abs(wide.capturedShare - 11.0 / 23.0) < 1e-12)
    }
}
