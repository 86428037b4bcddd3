import Foundation

/// Pointy-top hexagons of side (circumradius) `side` metres in axial coordinates (q, r) over a
/// projected plane: centre x = side·√3·(q + r/2), y = side·3/2·r; hex (0, 0) is centred on the
/// projection's origin.
package struct HexGrid: Sendable, Hashable {
    package let side: Double

    package init(side: Double = 200) {
        self.side = side
    }

    /// The cell holding a projected point (cube rounding).
    package func cell(x: Double, y: Double) -> (q: Int, r: Int) {
        let q = (3.0.squareRoot() / 3 * x - y / 3) / side
        let r = 2.0 / 3 * y / side
        let s = -q - r
        var rq = q.rounded(), rr = r.rounded()
        let rs = s.rounded()
        let dq = abs(rq - q), dr = abs(rr - r), ds = abs(rs - s)
        if dq > dr && dq > ds {
            rq = -rr - rs
        } else if dr > ds {
            rr = -rq - rs
        }
        return (Int(rq), Int(rr))
    }

    /// The centre of a cell.
    func centre(q: Int, r: Int) -> (x: Double, y: Double) {
        (side * 3.0.squareRoot() * (Double(q) + Double(r) / 2), side * 1.5 * Double(r))
    }

    /// The six corners, counter-clockwise from the one at 30°.
    func corners(q: Int, r: Int) -> [(x: Double, y: Double)] {
        let c = centre(q: q, r: r)
        return (0..<6).map { i in
            let angle = Double(60 * i + 30) * .pi / 180
            return (c.x + side * cos(angle), c.y + side * sin(angle))
        }
    }
}
