import Foundation
@testable import HeatmapCore
import Testing

/// Getis–Ord Gi*, Benjamini–Hochberg q-values, hex neighbours and covers, no database.
@Suite("Significance (Gi*, BH)")
struct SignificanceTests {
    /// Four units in a line, y = 1, 2, 3, 10: x̄ = 4, s = √12.5; unit 0 has W = 2 and lag 3, so
    /// z = (3 − 8) / (√12.5 · √((4·2 − 4) / 3)) = −√1.5; unit 1: W = 3, lag 6, z = −6/√12.5 = −6√2/5;
    /// unit 2: lag 15, z = 3√2/5; unit 3: lag 13, z = √1.5 (esda 2.9 gives the same to 1e-8).
    @Test func giStarOnALineMatchesTheHandComputedValues() {
        let gi = GetisOrdStar(counts: [1, 2, 3, 10], neighbours: [[1], [0, 2], [1, 3], [2]])
        let expected = [-1.5.squareRoot(), -6 * 2.0.squareRoot() / 5, 3 * 2.0.squareRoot() / 5, 1.5.squareRoot()]
        for (z, want) in zip(gi.z, expected) { #expect(abs(z - want) < 1e-12, "\(gi.z)") }
        // 2 (1 − Φ(1.2247449)) = 0.22067136, 2 (1 − Φ(1.6970563)) = 0.08968602 (scipy).
        #expect(abs(gi.p[0] - 0.22067136) < 1e-8 && abs(gi.p[3] - 0.22067136) < 1e-8)
        #expect(abs(gi.p[1] - 0.08968602) < 1e-8 && abs(gi.p[2] - 0.39614391) < 1e-8)
    }

    /// A 3 × 3 grid with rook neighbours, the formula written out independently per unit.
    @Test func giStarOnAGridEqualsTheFormula() {
        let y: [Double] = [0, 0, 1, 0, 2, 9, 1, 7, 12]
        var neighbours: [[Int]] = []
        for row in 0..<3 {
            for column in 0..<3 {
                var list: [Int] = []
                if row > 0 { list.append((row - 1) * 3 + column) }
                if row < 2 { list.append((row + 1) * 3 + column) }
                if column > 0 { list.append(row * 3 + column - 1) }
                if column < 2 { list.append(row * 3 + column + 1) }
                neighbours.append(list)
            }
        }
        let gi = GetisOrdStar(counts: y, neighbours: neighbours)
        let n = 9.0, mean = y.reduce(0, +) / n
        let s = (y.map { $0 * $0 }.reduce(0, +) / n - mean * mean).squareRoot()
        for unit in 0..<9 {
            let members = [unit] + neighbours[unit]
            let w = Double(members.count), lag = members.map { y[$0] }.reduce(0, +)
            let z = (lag - mean * w) / (s * ((n * w - w * w) / (n - 1)).squareRoot())
            #expect(abs(gi.z[unit] - z) < 1e-12)
            #expect(abs(gi.p[unit] - erfc(abs(z) / 2.0.squareRoot())) < 1e-15)
        }
        #expect(gi.z[8] > 2 && gi.z[0] < 0)
    }

    /// Listing the unit itself, or a neighbour twice, changes nothing (weights are binary).
    @Test func selfAndDuplicateNeighboursCountOnce() {
        let plain = GetisOrdStar(counts: [1, 2, 3, 10], neighbours: [[1], [0, 2], [1, 3], [2]])
        let noisy = GetisOrdStar(counts: [1, 2, 3, 10], neighbours: [[0, 1, 1], [1, 0, 2], [1, 3, 9], [2, 3]])
        #expect(plain == noisy)
    }

    /// s = 0 (all counts equal, zeros included): esda divides by zero; here every z is 0, p 1.
    @Test func equalCountsGiveZeroZAndUnitP() {
        for value in [0.0, 5.0] {
            let gi = GetisOrdStar(counts: Array(repeating: value, count: 6), neighbours: [[1], [0, 2], [1], [4], [3, 5], [4]])
            #expect(gi.z == Array(repeating: 0, count: 6) && gi.p == Array(repeating: 1, count: 6))
            let classes = SignificanceClasses(counts: Array(repeating: Int64(value), count: 6),
                                              neighbours: [[1], [0, 2], [1], [4], [3, 5], [4]], alpha: 0.05)
            #expect(classes.classes == Array(repeating: "", count: 6) && classes.q == Array(repeating: 1, count: 6))
        }
        #expect(GetisOrdStar(counts: [3], neighbours: [[]]).p == [1])
    }

    /// p = 0.01, 0.04, 0.03, 0.20: p·m/rank by rank 0.04, 0.06, 0.0533, 0.2; running minimum from
    /// the largest gives 0.04, 0.0533, 0.0533, 0.2.
    @Test func benjaminiHochbergQValues() {
        let q = BenjaminiHochberg.qValues([0.01, 0.04, 0.03, 0.20])
        let expected = [0.04, 0.16 / 3, 0.16 / 3, 0.20]
        for (value, want) in zip(q, expected) { #expect(abs(value - want) < 1e-15, "\(q)") }
        #expect(BenjaminiHochberg.qValues([]) == [])
        #expect(BenjaminiHochberg.qValues([0.9, 0.8]) == [0.9, 0.9])
        #expect(BenjaminiHochberg.qValues([0.6, 1]).allSatisfy { $0 <= 1 })
    }

    /// A strong cluster at one end of a line of 40 units is hot, the other end cold; classes follow q ≤ alpha.
    @Test func classesFollowQAndTheSignOfZ() {
        let counts: [Int64] = (0..<40).map { $0 < 4 ? 60 : $0 >= 34 ? 0 : 10 }
        let neighbours = (0..<40).map { i in [i - 1, i + 1].filter { (0..<40).contains($0) } }
        let classes = SignificanceClasses(counts: counts, neighbours: neighbours, alpha: 0.05)
        #expect(classes.classes[0] == "hot" && classes.classes[1] == "hot")
        #expect(classes.classes[20] == "")
        for unit in 0..<40 {
            let marked = classes.q[unit] <= 0.05
            #expect(classes.classes[unit] == (marked ? (classes.z[unit] > 0 ? "hot" : "cold") : ""))
        }
        let strict = SignificanceClasses(counts: counts, neighbours: neighbours, alpha: 1e-9)
        #expect(strict.classes.filter { !$0.isEmpty }.count < classes.classes.filter { !$0.isEmpty }.count)
    }

    /// The six neighbours are the cells whose centres are one cell width (side·√3) away, and the
    /// lists keep only cells of the set.
    @Test func hexNeighboursAreTheSixAdjacentCells() {
        let grid = HexGrid()
        let centre = grid.centre(q: 3, r: -2)
        let around = HexNeighbours.of(HexCellID(q: 3, r: -2))
        #expect(Set(around).count == 6)
        for cell in around {
            let c = grid.centre(q: cell.q, r: cell.r)
            let distance = ((c.x - centre.x) * (c.x - centre.x) + (c.y - centre.y) * (c.y - centre.y)).squareRoot()
            #expect(abs(distance - 200 * 3.0.squareRoot()) < 1e-9)
        }
        let cells = [HexCellID(q: 0, r: 0), HexCellID(q: 1, r: 0), HexCellID(q: 0, r: 1), HexCellID(q: 5, r: 5)]
        #expect(HexNeighbours.lists(cells) == [[1, 2], [0, 2], [1, 0], []])
    }

    /// A 1 km square around hex (0, 0) is covered by the cells whose centre is inside it plus
    /// those its edges cross; a 10 m wide sliver still marks the cells it passes through.
    @Test func hexCoverOfPolygons() throws {
        let projection = try #require(CityProjection.of(city: "chicago"))
        let grid = HexGrid()
        let ring = [(-500.0, -500.0), (500, -500), (500, 500), (-500, 500), (-500, -500)].map { projection.unproject(x: $0.0, y: $0.1) }
        let cover = HexCover(grid: grid, projection: projection).cells(of: [PolygonRings(rings: [ring])])
        #expect(cover.contains(HexCellID(q: 0, r: 0)) && cover.contains(HexCellID(q: 1, r: 0)))
        #expect(!cover.contains(HexCellID(q: 5, r: 0)) && !cover.contains(HexCellID(q: 0, r: 5)))
        // Every cell whose centre is inside is there; every listed cell reaches into the square.
        for r in -4...4 {
            for q in -6...6 {
                let c = grid.centre(q: q, r: r)
                if abs(c.x) < 495, abs(c.y) < 495 { #expect(cover.contains(HexCellID(q: q, r: r))) }
            }
        }
        for cell in cover {
            let c = grid.centre(q: cell.q, r: cell.r)
            #expect(abs(c.x) < 500 + 200 && abs(c.y) < 500 + 200)
        }
        let sliver = [(-1000.0, 1.0), (1000, 1.0), (1000, 11), (-1000, 11), (-1000, 1)].map { projection.unproject(x: $0.0, y: $0.1) }
        let thin = HexCover(grid: grid, projection: projection).cells(of: [PolygonRings(rings: [sliver])])
        let expected = Set((-6...6).map { HexCellID(q: $0, r: 0) }.filter { abs(grid.centre(q: $0.q, r: 0).x) < 1000 - 173.3 })
        #expect(expected.isSubset(of: Set(thin)) && thin.allSatisfy { $0.r == 0 || abs(grid.centre(q: $0.q, r: $0.r).x) > 800 })
    }

    @Test func polygonRingsReadPolygonsAndMultiPolygons() throws {
        let polygon = try #require(PolygonRings(geoJSON: #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#))
        #expect(polygon.rings.count == 1 && polygon.rings[0].count == 4)
        let multi = try #require(PolygonRings(geoJSON: #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]],[[2.1,2.1],[2.2,2.1],[2.2,2.2],[2.1,2.1]]]]}"#))
        #expect(multi.rings.count == 3)
        #expect(PolygonRings(geoJSON: #"{"type":"Point","coordinates":[0,0]}"#) == nil)
        #expect(PolygonRings(geoJSON: "not json") == nil)
    }
}
