/// The metric projection a city's hex grid lives in.
///
/// police.uk forces (`uk-*`): the British National Grid (EPSG:27700), reached from WGS84 by
/// ``Helmert`` (~5 m). Elsewhere: a local transverse Mercator on WGS84 with scale 1 whose central
/// meridian runs through the city (Chicago -87.65°, New York -73.95°), so distortion over the
/// city is below 0.01 %.
package struct CityProjection: Sendable, Hashable {
    let projection: TransverseMercator
    let osgb36: Bool
    /// What the reply reports as its projection.
    package let name: String

    package static func of(city: String) -> CityProjection? {
        if CityCatalog.isPoliceUKForce(city) {
            return CityProjection(projection: .britishNationalGrid, osgb36: true,
                                  name: "EPSG:27700 British National Grid (WGS84 to OSGB36 by Helmert, ~5 m)")
        }
        let centre: (lat: Double, lon: Double)
        switch city {
        case "chicago": centre = (41.85, -87.65)
        case "nyc": centre = (40.70, -73.95)
        default: return nil
        }
        return CityProjection(
            projection: TransverseMercator(ellipsoid: .wgs84, scale: 1, originLat: centre.lat, originLon: centre.lon,
                                           falseEasting: 0, falseNorthing: 0),
            osgb36: false, name: "local transverse Mercator, WGS84, origin \(centre.lat)°N \(centre.lon)°E, scale 1")
    }

    /// Metres east and north of a WGS84 point.
    package func project(lon: Double, lat: Double) -> (x: Double, y: Double) {
        let projected: (east: Double, north: Double)
        if osgb36 {
            let point = Helmert.wgs84ToOSGB36Radians(lat: lat, lon: lon)
            projected = projection.forward(lat: point.lat, sinLat: point.sinLat, cosLat: point.cosLat, lon: point.lon)
        } else {
            projected = projection.forward(lat: lat, lon: lon)
        }
        return (projected.east, projected.north)
    }

    /// The WGS84 point of projected metres.
    func unproject(x: Double, y: Double) -> (lon: Double, lat: Double) {
        let point = projection.inverse(east: x, north: y)
        let wgs = osgb36 ? Helmert.osgb36ToWGS84(lat: point.lat, lon: point.lon) : point
        return (wgs.lon, wgs.lat)
    }
}
