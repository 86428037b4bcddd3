/// A latitude/longitude box a city's points must fall in; outside it a row is rejected.
///
/// Generous on purpose: they catch swapped or garbage coordinates (latitude 999, the portal's
/// `36.619446395, -91.686565684` geocode of X/Y = 0), not points a block past the city limit.
package struct GeoBounds: Sendable, Equatable {
    package var latitude: ClosedRange<Double>
    package var longitude: ClosedRange<Double>

    package init(latitude: ClosedRange<Double>, longitude: ClosedRange<Double>) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Chicago and its airports (O'Hare reaches −87.94).
    package static let chicago = GeoBounds(latitude: 41.60...42.10, longitude: -88.00 ... -87.50)
    /// The five boroughs.
    static let newYorkCity = GeoBounds(latitude: 40.45...40.95, longitude: -74.30 ... -73.65)
    /// Great Britain: police.uk snap points of any force.
    package static let greatBritain = GeoBounds(latitude: 49.8...61.0, longitude: -8.7 ... 2.0)

    package func contains(latitude: Double, longitude: Double) -> Bool {
        self.latitude.contains(latitude) && self.longitude.contains(longitude)
    }
}
