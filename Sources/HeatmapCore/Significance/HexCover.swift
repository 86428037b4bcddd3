/// The hex cells that cover a set of polygons: every cell whose hexagon intersects one of them
/// (its centre inside a polygon, or a polygon edge crossing it), computed on the projected plane.
struct HexCover: Sendable {
    let grid: HexGrid
    let projection: CityProjection

    init(grid: HexGrid, projection: CityProjection) {
        self.grid = grid
        self.projection = projection
    }

    /// The covering cells of `polygons` (WGS84 rings), sorted by (q, r).
    func cells(of polygons: [PolygonRings]) -> [HexCellID] {
        var cover = Set<HexCellID>()
        for polygon in polygons {
            let rings = polygon.rings.map { ring in ring.map { projection.project(lon: $0.lon, lat: $0.lat) } }
            addBoundary(rings, to: &cover)
            addInterior(rings, to: &cover)
        }
        return cover.sorted()
    }

    /// Cells crossed by an edge: candidates from points every side/2 along it (and their
    /// neighbours), kept when the segment clips the hexagon.
    private func addBoundary(_ rings: [[(x: Double, y: Double)]], to cover: inout Set<HexCellID>) {
        let step = grid.side / 2
        for ring in rings where ring.count >= 2 {
            for index in 0..<ring.count {
                let a = ring[index], b = ring[(index + 1) % ring.count]
                let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                let samples = max(1, Int((length / step).rounded(.up)))
                var candidates = Set<HexCellID>()
                for sample in 0...samples {
                    let t = Double(sample) / Double(samples)
                    let cell = grid.cell(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
                    let id = HexCellID(q: cell.q, r: cell.r)
                    candidates.insert(id)
                    candidates.formUnion(HexNeighbours.of(id))
                }
                for cell in candidates where !cover.contains(cell) && segmentMeets(cell, a, b) {
                    cover.insert(cell)
                }
            }
        }
    }

    /// Cells whose centre lies inside the polygon (even–odd over all rings).
    private func addInterior(_ rings: [[(x: Double, y: Double)]], to cover: inout Set<HexCellID>) {
        let points = rings.flatMap { $0 }
        guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
              let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() else { return }
        let rowHeight = grid.side * 1.5, width = grid.side * 3.0.squareRoot()
        let lowR = Int((minY / rowHeight).rounded(.down)) - 1, highR = Int((maxY / rowHeight).rounded(.up)) + 1
        for r in lowR...highR {
            let lowQ = Int((minX / width - Double(r) / 2).rounded(.down)) - 1
            let highQ = Int((maxX / width - Double(r) / 2).rounded(.up)) + 1
            for q in lowQ...highQ {
                let cell = HexCellID(q: q, r: r)
                guard !cover.contains(cell) else { continue }
                let centre = grid.centre(q: q, r: r)
                if Self.contains(rings, centre) { cover.insert(cell) }
            }
        }
    }

    /// Whether segment a–b meets the (convex) hexagon: Cyrus–Beck clipping against its six edges.
    func segmentMeets(_ cell: HexCellID, _ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Bool {
        let corners = grid.corners(q: cell.q, r: cell.r)
        var low = 0.0, high = 1.0
        let d = (x: b.x - a.x, y: b.y - a.y)
        for index in 0..<corners.count {
            let c0 = corners[index], c1 = corners[(index + 1) % corners.count]
            let edge = (x: c1.x - c0.x, y: c1.y - c0.y)
            // Inside is to the left of each counter-clockwise edge: f(t) = start + t·slope ≥ 0.
            let start = edge.x * (a.y - c0.y) - edge.y * (a.x - c0.x)
            let slope = edge.x * d.y - edge.y * d.x
            if slope == 0 {
                if start < 0 { return false }
            } else if slope > 0 {
                low = max(low, -start / slope)
            } else {
                high = min(high, -start / slope)
            }
            if low > high { return false }
        }
        return true
    }

    /// Even–odd point in polygon over all rings.
    static func contains(_ rings: [[(x: Double, y: Double)]], _ point: (x: Double, y: Double)) -> Bool {
        var inside = false
        for ring in rings {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > point.y) != (b.y > point.y),
                   point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x {
                    inside.toggle()
                }
                j = i
            }
        }
        return inside
    }
}
