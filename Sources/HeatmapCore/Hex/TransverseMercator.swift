import Foundation

/// A transverse Mercator projection (the Ordnance Survey's series formulas, "A Guide to
/// Coordinate Systems in Great Britain", annex C): sub-millimetre within a few hundred km of the
/// central meridian, which is all a city needs.
struct TransverseMercator: Sendable, Hashable {
    let ellipsoid: Ellipsoid
    /// Scale on the central meridian.
    let scale: Double
    /// True origin, degrees.
    let originLat: Double
    let originLon: Double
    /// False easting and northing of the true origin, metres.
    let falseEasting: Double
    let falseNorthing: Double

    /// Constants of the forward formulas, derived once from the fields above.
    private let aScaled: Double, bScaled: Double, e2: Double, lat0: Double, sinLat0: Double, cosLat0: Double, lon0: Double
    private let m1: Double, m2: Double, m3: Double, m4: Double, oneOverOneMinusE2: Double

    init(ellipsoid: Ellipsoid, scale: Double, originLat: Double, originLon: Double,
                falseEasting: Double, falseNorthing: Double) {
        self.ellipsoid = ellipsoid
        self.scale = scale
        self.originLat = originLat
        self.originLon = originLon
        self.falseEasting = falseEasting
        self.falseNorthing = falseNorthing
        aScaled = ellipsoid.a * scale
        bScaled = ellipsoid.b * scale
        e2 = ellipsoid.e2
        oneOverOneMinusE2 = 1 / (1 - ellipsoid.e2)
        lat0 = originLat * .pi / 180
        sinLat0 = sin(lat0)
        cosLat0 = cos(lat0)
        lon0 = originLon * .pi / 180
        let n = (ellipsoid.a - ellipsoid.b) / (ellipsoid.a + ellipsoid.b), n2 = n * n, n3 = n2 * n
        m1 = 1 + n + 5 / 4 * n2 + 5 / 4 * n3
        m2 = 3 * n + 3 * n2 + 21 / 8 * n3
        m3 = 15 / 8 * n2 + 15 / 8 * n3
        m4 = 35 / 24 * n3
    }

    /// The British National Grid on Airy 1830 (OSGB36 latitudes and longitudes).
    static let britishNationalGrid = TransverseMercator(
        ellipsoid: .airy1830, scale: 0.9996012717, originLat: 49, originLon: -2, falseEasting: 400_000, falseNorthing: -100_000)

    /// Easting and northing of a latitude and longitude in degrees on this projection's ellipsoid
    /// (powers written as products and the meridional arc's multiple angles from one sine and
    /// cosine: this is the hex binning's hot path, docs/BENCHMARKS.md "binning").
    func forward(lat latDegrees: Double, lon lonDegrees: Double) -> (east: Double, north: Double) {
        let lat = latDegrees * .pi / 180
        return forward(lat: lat, sinLat: sin(lat), cosLat: cos(lat), lon: lonDegrees * .pi / 180)
    }

    /// The same from a latitude in radians with its sine and cosine, and a longitude in radians.
    func forward(lat: Double, sinLat s: Double, cosLat c: Double, lon: Double) -> (east: Double, north: Double) {
        let dl = lon - lon0
        let t = s / c, t2 = t * t
        let w = 1 - e2 * s * s
        let nu = aScaled / w.squareRoot()
        let nuOverRho = w * oneOverOneMinusE2  // ν / ρ = (1 − e² sin²φ) / (1 − e²)
        let eta2 = nuOverRho - 1
        let c3 = c * c * c, c5 = c3 * c * c
        let i = meridional(lat, sinLat: s, cosLat: c) + falseNorthing
        let ii = nu * 0.5 * s * c
        let iii = nu * (1.0 / 24) * s * c3 * (5 - t2 + 9 * eta2)
        let iiia = nu * (1.0 / 720) * s * c5 * (61 - 58 * t2 + t2 * t2)
        let iv = nu * c
        let v = nu * (1.0 / 6) * c3 * (nuOverRho - t2)
        let vi = nu * (1.0 / 120) * c5 * (5 - 18 * t2 + t2 * t2 + 14 * eta2 - 58 * t2 * eta2)
        let dl2 = dl * dl
        let north = i + dl2 * (ii + dl2 * (iii + dl2 * iiia))
        let east = falseEasting + dl * (iv + dl2 * (v + dl2 * vi))
        return (east, north)
    }

    /// Latitude and longitude in degrees of an easting and northing.
    func inverse(east: Double, north: Double) -> (lat: Double, lon: Double) {
        let a = ellipsoid.a, e2 = ellipsoid.e2, lat0 = originLat * .pi / 180
        var lat = (north - falseNorthing) / (a * scale) + lat0
        var m = meridional(lat)
        var iterations = 0
        while abs(north - falseNorthing - m) >= 0.000_01, iterations < 20 {
            lat += (north - falseNorthing - m) / (a * scale)
            m = meridional(lat)
            iterations += 1
        }
        let s = sin(lat), t = tan(lat), t2 = t * t, sec = 1 / cos(lat)
        let nu = a * scale / (1 - e2 * s * s).squareRoot()
        let rho = a * scale * (1 - e2) / pow(1 - e2 * s * s, 1.5)
        let eta2 = nu / rho - 1
        let vii = t / (2 * rho * nu)
        let viii = t / (24 * rho * pow(nu, 3)) * (5 + 3 * t2 + eta2 - 9 * t2 * eta2)
        let ix = t / (720 * rho * pow(nu, 5)) * (61 + 90 * t2 + 45 * t2 * t2)
        let x = sec / nu
        let xi = sec / (6 * pow(nu, 3)) * (nu / rho + 2 * t2)
        let xii = sec / (120 * pow(nu, 5)) * (5 + 28 * t2 + 24 * t2 * t2)
        let xiia = sec / (5040 * pow(nu, 7)) * (61 + 662 * t2 + 1320 * t2 * t2 + 720 * pow(t2, 3))
        let de = east - falseEasting
        let resultLat = lat - vii * de * de + viii * pow(de, 4) - ix * pow(de, 6)
        let resultLon = originLon * .pi / 180 + x * de - xi * pow(de, 3) + xii * pow(de, 5) - xiia * pow(de, 7)
        return (resultLat * 180 / .pi, resultLon * 180 / .pi)
    }

    /// The meridional arc from the true origin's latitude to `lat` (radians), scaled.
    private func meridional(_ lat: Double) -> Double {
        meridional(lat, sinLat: sin(lat), cosLat: cos(lat))
    }

    /// The same with the latitude's sine and cosine given: sin d, cos d and cos σ (d = lat − lat0,
    /// σ = lat + lat0) by the sum formulas, sin 2d, sin 3d, cos 2σ, cos 3σ by the multiple-angle
    /// identities, so no transcendental call is left.
    private func meridional(_ lat: Double, sinLat s: Double, cosLat c: Double) -> Double {
        let d = lat - lat0
        let sd = s * cosLat0 - c * sinLat0, cd = c * cosLat0 + s * sinLat0, cs = c * cosLat0 - s * sinLat0
        let sin2d = 2 * sd * cd, cos2s = 2 * cs * cs - 1
        let sin3d = sd * (3 - 4 * sd * sd), cos3s = cs * (4 * cs * cs - 3)
        return bScaled * (m1 * d - m2 * sd * cs + m3 * sin2d * cos2s - m4 * sin3d * cos3s)
    }
}
