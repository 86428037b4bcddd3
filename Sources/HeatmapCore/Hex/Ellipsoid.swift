import Foundation

/// A reference ellipsoid: semi-major and semi-minor axes in metres.
public struct Ellipsoid: Sendable, Hashable {
    public let a: Double
    public let b: Double

    public static let wgs84 = Ellipsoid(a: 6_378_137.0, b: 6_356_752.314245)
    public static let airy1830 = Ellipsoid(a: 6_377_563.396, b: 6_356_256.909)

    /// First eccentricity squared.
    public var e2: Double { 1 - (b * b) / (a * a) }

    /// Earth-centred cartesian coordinates of a point on the ellipsoid (height 0), angles in radians.
    func cartesian(lat: Double, lon: Double) -> (x: Double, y: Double, z: Double) {
        let nu = a / (1 - e2 * sin(lat) * sin(lat)).squareRoot()
        return (nu * cos(lat) * cos(lon), nu * cos(lat) * sin(lon), (1 - e2) * nu * sin(lat))
    }

    /// Latitude and longitude (radians) of a cartesian point, by fixed-point iteration.
    func geodetic(x: Double, y: Double, z: Double) -> (lat: Double, lon: Double) {
        let p = (x * x + y * y).squareRoot()
        var lat = atan2(z, p * (1 - e2))
        for _ in 0..<10 {
            let nu = a / (1 - e2 * sin(lat) * sin(lat)).squareRoot()
            lat = atan2(z + e2 * nu * sin(lat), p)
        }
        return (lat, atan2(y, x))
    }
}
