/// Every city's in-memory rollups read from the database in one snapshot, with the consumer
/// position of that same snapshot.
public struct RollupSnapshot: Sendable {
    public var cities: [String: CityRollupIndex]
    public var position: Int64

    public init(cities: [String: CityRollupIndex], position: Int64) {
        self.cities = cities
        self.position = position
    }
}
