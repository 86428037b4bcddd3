import Contracts

/// A value of every `crimescope.common.v1` message with every field set to a non-default value.
enum CommonFixtures {
    static let areaId = AreaId(
        city: "Zürich ✓ 東京 🚓",
        area: "0423"
    )
    static let localTimeRange = LocalTimeRange(
        startLocalSeconds: Int64.max,
        endLocalSeconds: Int64.min
    )
    static let boundingBox = BoundingBox(
        minLon: -87.6298,
        minLat: 41.8781,
        maxLon: 1e-300,
        maxLat: -1.5e300
    )
    static let counts = Counts(
        incidents: Int64.max,
        arrests: Int64.min,
        domestic: -9_007_199_254_740_993
    )
}
