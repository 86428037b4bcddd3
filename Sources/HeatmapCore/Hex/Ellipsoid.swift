import Foundation

/// A reference ellipsoid: semi-major and semi-minor axes in metres.
struct Ellipsoid: Sendable, Hashable {
    let a: Double
    let b: Double
    /// First eccentricity squared.
    let e2: Double
    /// Second eccentricity squared, (a² − b²) / b².
    let secondE2: Double

    init(a: Double, b: Double) {
        self.a = a
        self.b = b
        e2 = 1 - (b * b) / (a * a)
        secondE2 = (a * a - b * b) / (b * b)
    }

    static let wgs84 = Ellipsoid(a: 6_378_137.0, b: 6_356_752.314245)
    static let airy1830 = Ellipsoid(a: 6_377_563.396, b: 6_356_256.909)

    /// Earth-centred cartesian coordinates of a point on the ellipsoid (height 0), angles in radians.
    func cartesian(lat: Double, lon: Double) -> (x: Double, y: Double, z: Double) {
        let e2 = e2, sl = sin(lat), cl = cos(lat)
        let nu = a / (1 - e2 * sl * sl).squareRoot()
        return (nu * cl * cos(lon), nu * cl * sin(lon), (1 - e2) * nu * sl)
    }

    /// Latitude and longitude (radians) of a cartesian point near the surface.
    func geodetic(x: Double, y: Double, z: Double) -> (lat: Double, lon: Double) {
        let point = geodeticWithSines(x: x, y: y, z: z)
        return (point.lat, point.lon)
    }

    /// Latitude (with its sine and cosine) and longitude, radians, of a cartesian point near the
    /// surface, by Bowring's formula: error far below a millimetre for heights within a few km,
    /// which is all a Helmert shift of a surface point produces. The parametric latitude's sine and
    /// cosine and the latitude's own come from normalised vectors, so the only transcendental calls
    /// are two `atan2` (the binning's hot path).
    func geodeticWithSines(x: Double, y: Double, z: Double) -> (lat: Double, sinLat: Double, cosLat: Double, lon: Double) {
        let p = (x * x + y * y).squareRoot()
        let za = z * a, pb = p * b
        let length = (za * za + pb * pb).squareRoot()
        let st = za / length, ct = pb / length
        let numerator = z + secondE2 * b * st * st * st
        let denominator = p - e2 * a * ct * ct * ct
        let hypotenuse = (numerator * numerator + denominator * denominator).squareRoot()
        return (atan2(numerator, denominator), numerator / hypotenuse, denominator / hypotenuse, atan2(y, x))
    }
}
