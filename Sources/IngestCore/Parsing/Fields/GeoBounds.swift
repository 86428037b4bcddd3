/// A latitude/longitude box a city's points must fall in; outside it a row is rejected.
///
/// Generous on purpose: they catch swapped or garbage coordinates (latitude 999, the portal's
/// `36.619446395, -91.686565684` geocode of X/Y = 0), not points a block past the city limit.
public struct GeoBounds: Sendable, Equatable {
    public var latitude: ClosedRange<Double>
    public var longitude: ClosedRange<Double>

    public init(latitude: ClosedRange<Double>, longitude: ClosedRange<Double>) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Chicago and its airports (O'Hare reaches −87.94).
    public static let chicago = GeoBounds(latitude: 41.60...42.10, longitude: -88.00 ... -87.50)
    /// The five boroughs.
    public static let newYorkCity = GeoBounds(latitude: 40.45...40.95, longitude: -74.30 ... -73.65)
    /// Great Britain: police.uk snap points of any force.
    public static let greatBritain = GeoBounds(latitude: 49.8...61.0, longitude: -8.7 ... 2.0)

    public func contains(latitude: Double, longitude: Double) -> Bool {
        self.latitude.contains(latitude) && self.longitude.contains(longitude)
    }
}
