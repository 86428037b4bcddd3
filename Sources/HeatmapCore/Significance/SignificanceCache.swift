/// Per city, what a significance query derives from the area polygons and keeps: the queen
/// contiguity of the areas and the hex cells covering them. The leader forgets a city's when it
/// copies reloaded polygons (``forget(city:)``); a follower keeps them until it restarts.
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

    /// Drops what was derived from the city's former polygons.
    func forget(city: String) {
        contiguity[city] = nil
        covers[city] = nil
    }

    /// The hex cells covering the city's areas, from `load` the first time it answers non-nil.
    func cover(city: String, load: () async throws -> [HexCellID]?) async throws -> [HexCellID]? {
        if let known = covers[city] { return known }
        let loaded = try await load()
        if let loaded { covers[city] = loaded }
        return loaded
    }
}
