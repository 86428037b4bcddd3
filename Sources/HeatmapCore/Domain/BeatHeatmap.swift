/// The answer to a ``BeatQuery``: counts per area, and per type under the same filters minus the type.
public struct BeatHeatmap: Sendable {
    /// Areas with at least one incident, by area id.
    public var areas: [(area: String, counts: RollupCounts)]
    public var total: RollupCounts
    public var maxIncidents: Int64
    /// Types with at least one incident, most incidents first (ties by name).
    public var crimeTypes: [(primaryType: String, incidents: Int64)]

    public init(areas: [(area: String, counts: RollupCounts)] = [], total: RollupCounts = RollupCounts(),
                maxIncidents: Int64 = 0, crimeTypes: [(primaryType: String, incidents: Int64)] = []) {
        self.areas = areas
        self.total = total
        self.maxIncidents = maxIncidents
        self.crimeTypes = crimeTypes
    }
}
