/// Every city's in-memory rollups at one outbox position: a copy of the live index, or one
/// decoded from the newest persisted snapshot.
public struct RollupSnapshot: Sendable {
    public var cities: [String: CityRollupIndex]
    public var position: Int64

    public init(cities: [String: CityRollupIndex], position: Int64) {
        self.cities = cities
        self.position = position
    }
}
