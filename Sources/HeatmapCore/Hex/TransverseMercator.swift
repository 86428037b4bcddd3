import Foundation

/// A transverse Mercator projection (the Ordnance Survey's series formulas, "A Guide to
/// Coordinate Systems in Great Britain", annex C): sub-millimetre within a few hundred km of the
/// central meridian, which is all a city needs.
public struct TransverseMercator: Sendable, Hashable {
    public let ellipsoid: Ellipsoid
    /// Scale on the central meridian.
    public let scale: Double
    /// True origin, degrees.
    public let originLat: Double
    public let originLon: Double
    /// False easting and northing of the true origin, metres.
    public let falseEasting: Double
    public let falseNorthing: Double

    /// The British National Grid on Airy 1830 (OSGB36 latitudes and longitudes).
    public static let britishNationalGrid = TransverseMercator(
        ellipsoid: .airy1830, scale: 0.9996012717, originLat: 49, originLon: -2, falseEasting: 400_000, falseNorthing: -100_000)

    /// Easting and northing of a latitude and longitude in degrees on this projection's ellipsoid.
    public func forward(lat latDegrees: Double, lon lonDegrees: Double) -> (east: Double, north: Double) {
        let lat = latDegrees * .pi / 180, dl = (lonDegrees - originLon) * .pi / 180
        let a = ellipsoid.a, e2 = ellipsoid.e2
        let s = sin(lat), c = cos(lat), t = tan(lat), t2 = t * t
        let nu = a * scale / (1 - e2 * s * s).squareRoot()
        let rho = a * scale * (1 - e2) / pow(1 - e2 * s * s, 1.5)
        let eta2 = nu / rho - 1
        let i = meridional(lat) + falseNorthing
        let ii = nu / 2 * s * c
        let iii = nu / 24 * s * pow(c, 3) * (5 - t2 + 9 * eta2)
        let iiia = nu / 720 * s * pow(c, 5) * (61 - 58 * t2 + t2 * t2)
        let iv = nu * c
        let v = nu / 6 * pow(c, 3) * (nu / rho - t2)
        let vi = nu / 120 * pow(c, 5) * (5 - 18 * t2 + t2 * t2 + 14 * eta2 - 58 * t2 * eta2)
        let north = i + ii * dl * dl + iii * pow(dl, 4) + iiia * pow(dl, 6)
        let east = falseEasting + iv * dl + v * pow(dl, 3) + vi * pow(dl, 5)
        return (east, north)
    }

    /// Latitude and longitude in degrees of an easting and northing.
    public func inverse(east: Double, north: Double) -> (lat: Double, lon: Double) {
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
        let a = ellipsoid.a, b = ellipsoid.b, n = (a - b) / (a + b), n2 = n * n, n3 = n2 * n
        let lat0 = originLat * .pi / 180, d = lat - lat0, sum = lat + lat0
        return b * scale * ((1 + n + 5 / 4 * n2 + 5 / 4 * n3) * d
            - (3 * n + 3 * n2 + 21 / 8 * n3) * sin(d) * cos(sum)
            + (15 / 8 * n2 + 15 / 8 * n3) * sin(2 * d) * cos(2 * sum)
            - 35 / 24 * n3 * sin(3 * d) * cos(3 * sum))
    }
}
