/// The answer to a ``BeatQuery``: counts per area, and per type under the same filters minus the type.
struct BeatHeatmap: Sendable {
    /// Areas with at least one incident, by area id.
    var areas: [(area: String, counts: RollupCounts)]
    var total: RollupCounts
    var maxIncidents: Int64
    /// Types with at least one incident, most incidents first (ties by name).
    var crimeTypes: [(primaryType: String, incidents: Int64)]

    init(areas: [(area: String, counts: RollupCounts)] = [], total: RollupCounts = RollupCounts(),
                maxIncidents: Int64 = 0, crimeTypes: [(primaryType: String, incidents: Int64)] = []) {
        self.areas = areas
        self.total = total
        self.maxIncidents = maxIncidents
        self.crimeTypes = crimeTypes
    }
}
