import Contracts

/// One pulled outbox batch, reduced to net changes per rollup cell (plus the located extent).
public struct RollupBatch: Sendable {
    /// Net change per cell; cells that net to zero are dropped.
    public private(set) var changes: [RollupKey: RollupCounts] = [:]
    /// Net change per time bucket of every grain (GetWindowHeatmap).
    public private(set) var windowChanges: [WindowRollupKey: RollupCounts] = [:]
    /// Net change per month and grid cell (GetYearGrids); located incidents inside the city's grid only.
    public private(set) var gridChanges: [GridRollupKey: Int64] = [:]
    /// Net change per month and 200 m hex cell (GetHexHotspots); located incidents of projected cities only.
    public private(set) var hexChanges: [HexRollupKey: Int64] = [:]
    /// Net change per week, area and crime group (GetSeries); timed incidents only.
    public private(set) var seriesChanges: [SeriesRollupKey: Int64] = [:]
    /// The bounding box of the batch's located insertions, per city.
    public private(set) var extents: [String: Extent] = [:]
    /// The last outbox position in the batch.
    public let position: Int64
    /// How many deltas the batch held.
    public private(set) var deltaCount = 0

    /// A lon/lat bounding box.
    public struct Extent: Sendable, Hashable {
        public var minLon, minLat, maxLon, maxLat: Double
    }

    /// Reduces `entries` (in position order) ending at `position`.
    public init(entries: [OutboxEntry], position: Int64) {
        self.position = position
        for entry in entries {
            for delta in entry.deltas { add(delta) }
        }
        changes = changes.filter { !$0.value.isZero }
        windowChanges = windowChanges.filter { !$0.value.isZero }
        gridChanges = gridChanges.filter { $0.value != 0 }
        seriesChanges = seriesChanges.filter { $0.value != 0 }
        hexChanges = hexChanges.filter { $0.value != 0 }
    }

    private mutating func add(_ delta: IncidentDelta) {
        deltaCount += 1
        let time = LocalCalendar(localSeconds: delta.occurredLocalSeconds)
        let key = RollupKey(city: delta.city, area: delta.area, primaryType: delta.primaryType,
                            year: time.year, month: time.month,
                            hour: delta.monthOnly ? -1 : time.hour, dayOfWeek: delta.monthOnly ? -1 : time.dayOfWeek)
        let sign = Int64(delta.sign)
        changes[key, default: RollupCounts()] += RollupCounts(
            incidents: sign, arrests: delta.arrest ? sign : 0, domestic: delta.domestic ? sign : 0)
        addWindow(delta, time: time, counts: RollupCounts(
            incidents: sign, arrests: delta.arrest ? sign : 0, domestic: delta.domestic ? sign : 0))
        guard delta.sign > 0, delta.hasLocation, delta.lon.isFinite, delta.lat.isFinite else { return }
        if var extent = extents[delta.city] {
            extent.minLon = min(extent.minLon, delta.lon)
            extent.minLat = min(extent.minLat, delta.lat)
            extent.maxLon = max(extent.maxLon, delta.lon)
            extent.maxLat = max(extent.maxLat, delta.lat)
            extents[delta.city] = extent
        } else {
            extents[delta.city] = Extent(minLon: delta.lon, minLat: delta.lat, maxLon: delta.lon, maxLat: delta.lat)
        }
    }

    private mutating func addWindow(_ delta: IncidentDelta, time: LocalCalendar, counts: RollupCounts) {
        let seconds = delta.occurredLocalSeconds
        for grain in WindowGrain.allCases where !delta.monthOnly || grain == .monthly {
            var key = WindowRollupKey(city: delta.city, grain: grain, bucket: grain.bucketStart(seconds),
                                      area: delta.area, primaryType: delta.primaryType)
            windowChanges[key, default: RollupCounts()] += counts
            key.primaryType = WindowRollupKey.allTypes
            windowChanges[key, default: RollupCounts()] += counts
        }
        if !delta.monthOnly {
            let key = SeriesRollupKey(city: delta.city, area: delta.area, crimeGroup: delta.category,
                                      week: WindowGrain.weekly.bucketStart(seconds))
            seriesChanges[key, default: 0] += counts.incidents
        }
        if delta.hasLocation, let cell = GridBounds.of(city: delta.city)?.cell(lon: delta.lon, lat: delta.lat) {
            let key = GridRollupKey(city: delta.city, year: time.year, month: time.month, primaryType: delta.primaryType, cell: cell)
            gridChanges[key, default: 0] += counts.incidents
        }
        if delta.hasLocation, delta.lon.isFinite, delta.lat.isFinite, let projection = CityProjection.of(city: delta.city) {
            let point = projection.project(lon: delta.lon, lat: delta.lat)
            let cell = HexGrid().cell(x: point.x, y: point.y)
            let key = HexRollupKey(city: delta.city, month: time.monthNumber, primaryType: delta.primaryType, q: cell.q, r: cell.r)
            hexChanges[key, default: 0] += counts.incidents
        }
    }
}
