import Foundation

/// The seven-parameter Helmert shift between WGS84 and OSGB36 (Ordnance Survey's published
/// parameters): about 5 m accuracy across Great Britain (OSTN15 would be ~0.1 m; a 200 m hex
/// grid does not need it).
package enum Helmert {
    private static let tx = -446.448, ty = 125.157, tz = -542.060
    private static let scalePPM = 20.4894
    private static let rxSeconds = -0.1502, rySeconds = -0.2470, rzSeconds = -0.8421

    /// WGS84 latitude and longitude (degrees) to OSGB36.
    static func wgs84ToOSGB36(lat: Double, lon: Double) -> (lat: Double, lon: Double) {
        shift(lat: lat, lon: lon, from: .wgs84, to: .airy1830, direction: 1)
    }

    /// OSGB36 latitude and longitude (degrees) to WGS84 (the inverse parameters).
    static func osgb36ToWGS84(lat: Double, lon: Double) -> (lat: Double, lon: Double) {
        shift(lat: lat, lon: lon, from: .airy1830, to: .wgs84, direction: -1)
    }

    /// WGS84 latitude and longitude (degrees) to OSGB36 latitude (radians, with its sine and
    /// cosine) and longitude (radians): what the British National Grid projection consumes.
    static func wgs84ToOSGB36Radians(lat: Double, lon: Double) -> (lat: Double, sinLat: Double, cosLat: Double, lon: Double) {
        let (x, y, z) = shiftedCartesian(lat: lat, lon: lon, from: .wgs84, direction: 1)
        return Ellipsoid.airy1830.geodeticWithSines(x: x, y: y, z: z)
    }

    private static func shift(lat: Double, lon: Double, from: Ellipsoid, to: Ellipsoid, direction: Double)
        -> (lat: Double, lon: Double) {
        let (x, y, z) = shiftedCartesian(lat: lat, lon: lon, from: from, direction: direction)
        let result = to.geodetic(x: x, y: y, z: z)
        return (result.lat * 180 / .pi, result.lon * 180 / .pi)
    }

    private static func shiftedCartesian(lat: Double, lon: Double, from: Ellipsoid, direction: Double)
        -> (x: Double, y: Double, z: Double) {
        let point = from.cartesian(lat: lat * .pi / 180, lon: lon * .pi / 180)
        let toRadians = Double.pi / 180 / 3_600
        let s = 1 + direction * scalePPM * 1e-6
        let rx = direction * rxSeconds * toRadians, ry = direction * rySeconds * toRadians, rz = direction * rzSeconds * toRadians
        let x = direction * tx + s * point.x - rz * point.y + ry * point.z
        let y = direction * ty + rz * point.x + s * point.y - rx * point.z
        let z = direction * tz - ry * point.x + rx * point.y + s * point.z
        return (x, y, z)
    }
}
