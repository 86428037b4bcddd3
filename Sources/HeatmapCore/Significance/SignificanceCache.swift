/// Per city, what a significance query derives from the area polygons and keeps: the queen
/// contiguity of the areas and the hex cells covering them. Like the shapes themselves (copied
/// from ingest once), they are not refreshed when polygons are reloaded.
actor SignificanceCache {
    private var contiguity: [String: AreaContiguity] = [:]
    private var covers: [String: [HexCellID]] = [:]

    init() {}

    /// The city's contiguity, from `load` the first time it answers non-nil.
    func contiguity(city: String, load: () async throws -> AreaContiguity?) async throws -> AreaContiguity? {
        if let known = contiguity[city] { return known }
        let loaded = try await load()
        if let loaded { contiguity[city] = loaded }
        return loaded
    }

    /// The hex cells covering the city's areas, from `load` the first time it answers non-nil.
    func cover(city: String, load: () async throws -> [HexCellID]?) async throws -> [HexCellID]? {
        if let known = covers[city] { return known }
        let loaded = try await load()
        if let loaded { covers[city] = loaded }
        return loaded
    }
}
