import Contracts
import Wire

/// The `crimescope.heatmap.v1.Heatmap` handlers: thin conversions between the contracts and the
/// in-memory ``RollupIndex`` (every count), with the store for the area polygons. Check
/// recounts through ingest's RPC.
struct HeatmapHandlers: Sendable {
    let index: RollupIndex
    let store: HeatmapStore
    let ingestClient: RPCClient
    /// Who writes the heatmap schema (the area polygons' copy too); nil for handlers without
    /// replicas (tests), which may write.
    let leadership: Leadership?
    /// Asked to pull at once when a read needs a position the index has not reached.
    let wakeConsumer: @Sendable () -> Void
    /// The consumer's newest empty pull (``OutboxConsumer/lastCaughtUp``).
    let caughtUp: @Sendable () -> (at: ContinuousClock.Instant, position: Int64)?
    /// Contiguity and hex covers derived from the area polygons, per city.
    let significanceCache = SignificanceCache()
    /// The ListAreas version of each city's copy this process made.
    let copiedAreaVersions = CopiedAreaVersions()

    init(index: RollupIndex, store: HeatmapStore, ingest: RPCClient, leadership: Leadership? = nil,
                wakeConsumer: @escaping @Sendable () -> Void = {},
                caughtUp: @escaping @Sendable () -> (at: ContinuousClock.Instant, position: Int64)? = { nil }) {
        self.index = index
        self.store = store
        self.ingestClient = ingest
        self.leadership = leadership
        self.wakeConsumer = wakeConsumer
        self.caughtUp = caughtUp
    }

    /// Registers ListCities, GetBeatHeatmap, GetWindowHeatmap, GetYearGrids, GetHexHotspots, GetSeries, GetSignificance, GetAreaShapes, GetAreaDetail, Check and WatchPosition.
    func register(on router: inout RPCRouter) {
        router.register(Methods.Heatmap.listCities) { (request: ListCitiesRequest, _) in try await listCities(request) }
        // The reply is written by the heatmap's own fast encoder of BeatHeatmapResponse.
        router.register(Methods.Heatmap.getBeatHeatmap.withReply(BeatHeatmapReply.self)) { (request: BeatHeatmapRequest, _) in
            try await beatHeatmap(request)
        }
        router.register(Methods.Heatmap.check) { (request: CheckRequest, _) in try await check(request) }
        router.register(Methods.Heatmap.watchPosition) { (request: WatchPositionRequest, _) in try await watchPosition(request) }
        router.register(Methods.Heatmap.getAreaShapes) { (request: AreaShapesRequest, _) in try await areaShapes(request) }
        router.register(Methods.Heatmap.getAreaDetail) { (request: AreaDetailRequest, _) in try await areaDetail(request) }
        router.register(Methods.Heatmap.getWindowHeatmap) { (request: WindowHeatmapRequest, _) in
            try await windowHeatmap(request)
        }
        router.register(Methods.Heatmap.getYearGrids) { (request: YearGridsRequest, _) in try await yearGrids(request) }
        router.register(Methods.Heatmap.getHexHotspots) { (request: HexHotspotsRequest, _) in try await hexHotspots(request) }
        router.register(Methods.Heatmap.getSeries) { (request: SeriesRequest, _) in try await series(request) }
        router.register(Methods.Heatmap.getSignificance) { (request: SignificanceRequest, _) in
            try await significance(request)
        }
    }

    func listCities(_ request: ListCitiesRequest) async throws -> ListCitiesResponse {
        try await awaitPosition(request.minPosition)
        let (cities, position) = index.readAll()
        return ListCitiesResponse(cities: cities.compactMap { city in
            guard let timeZone = CityCatalog.timeZone(of: city.city) else { return nil }
            let bounds = city.extent.map {
                BoundingBox(minLon: $0.minLon, minLat: $0.minLat, maxLon: $0.maxLon, maxLat: $0.maxLat)
            }
            return City(city: city.city, name: CityCatalog.displayName(of: city.city), timeZone: timeZone,
                        bounds: bounds, availableMonths: city.availableMonths)
        }, position: position)
    }

    func beatHeatmap(_ request: BeatHeatmapRequest) async throws(RPCError) -> BeatHeatmapReply {
        let query = try BeatQuery(request)
        let (city, position) = try await read(query.city, atLeast: request.minPosition)
        let result = (city ?? CityRollupIndex(city: query.city)).query(query)
        return BeatHeatmapReply(result, request: request, timeZone: CityCatalog.timeZone(of: query.city) ?? "", position: position)
    }

    /// A city's area polygons, simplified. The leader (and handlers without replicas) answers from
    /// the heatmap's own copy, copying the city from ingest's ListAreas first when it has none or
    /// when ingest's version of the polygons differs from the copy's (a reload; asked with
    /// `version_only` each time, and skipped when ingest does not answer: the copy is served). A
    /// follower answers from that copy once the leader made it, and before that by itself: it
    /// fetches ListAreas and simplifies them with a query that writes nothing (on the read pool,
    /// so a hot standby serves it), which gives the same shapes.
    func areaShapes(_ request: AreaShapesRequest) async throws -> AreaShapesResponse {
        guard CityCatalog.timeZone(of: request.city) != nil else {
            throw RPCError(.notFound, "no city '\(request.city)'; try chicago, nyc or uk-<force>")
        }
        guard request.toleranceMeters.isFinite, (0...10_000).contains(request.toleranceMeters) else {
            throw RPCError(.invalidArgument, "tolerance_meters must be 0-10000, got \(request.toleranceMeters)")
        }
        let tolerance = request.toleranceMeters == 0 ? 20 : request.toleranceMeters
        var shapes = try await store.areaShapes(city: request.city, toleranceMetres: tolerance)
        if mayWriteShapes, try await copyIsStale(city: request.city, isEmpty: shapes.isEmpty) {
            let areas = try await ingestClient.call(Methods.Ingest.listAreas, ListAreasRequest(city: request.city), timeout: .seconds(60))
            guard !areas.areas.isEmpty else { return AreaShapesResponse() }
            try await store.replaceAreaShapes(city: request.city, records: areas.areas)
            copiedAreaVersions.set(areas.version, for: request.city)
            await significanceCache.forget(city: request.city)
            shapes = try await store.areaShapes(city: request.city, toleranceMetres: tolerance)
        } else if shapes.isEmpty {
            let areas = try await ingestClient.call(Methods.Ingest.listAreas, ListAreasRequest(city: request.city), timeout: .seconds(60))
            shapes = try await store.simplifiedAreaShapes(areas.areas, toleranceMetres: tolerance)
        }
        return AreaShapesResponse(shapes: shapes.map {
            AreaShape(area: $0.area, name: $0.name, geoJSON: $0.geojson, centroidLon: $0.centroidLon,
                      centroidLat: $0.centroidLat, areaKm2: $0.areaKm2)
        })
    }

    /// Whether the copy of `city` (empty or not) must be made again: it is empty, or ingest's
    /// version of the polygons is not the one this process copied. When ingest cannot say, an
    /// existing copy is kept.
    private func copyIsStale(city: String, isEmpty: Bool) async throws -> Bool {
        if isEmpty { return true }
        let current: String
        do {
            current = try await ingestClient.call(Methods.Ingest.listAreas, ListAreasRequest(city: city, versionOnly: true),
                                                  timeout: .seconds(5)).version
        } catch {
            return false
        }
        return copiedAreaVersions.version(of: city) != current
    }

    /// Whether this replica may write the heatmap's copy of the polygons: it leads, or runs
    /// without replicas.
    var mayWriteShapes: Bool { leadership == nil || leadership?.epoch != nil }

    /// Whether the heatmap's own copy holds `city`'s polygons (significance reads them with
    /// PostGIS), copying them first where this replica may write. A follower without the copy
    /// answers UNAVAILABLE with the reason REPLICA_BEHIND: the client asks another replica (the
    /// leader copies) and keeps this one in rotation.
    func hasCopiedShapes(city: String) async throws -> Bool {
        if mayWriteShapes { return try await !areaShapes(AreaShapesRequest(city: city)).shapes.isEmpty }
        guard try await store.areaShapes(city: city, toleranceMetres: 20).isEmpty else { return true }
        throw RPCError(.unavailable, "\(city)'s area polygons are not copied yet; the leader replica copies them",
                       reason: .replicaBehind)
    }

    func areaDetail(_ request: AreaDetailRequest) async throws(RPCError) -> AreaDetailResponse {
        guard let id = request.area, !id.area.isEmpty else { throw RPCError(.invalidArgument, "area (city and area) is required") }
        let query = try BeatQuery(BeatHeatmapRequest(city: id.city, yearFrom: request.yearFrom, yearTo: request.yearTo))
        let (city, position) = try await read(query.city, atLeast: request.minPosition)
        guard let detail = city?.detail(area: id.area, query: query) else {
            throw RPCError(.notFound, "no incidents ever in area '\(id.area)' of \(id.city)")
        }
        let cityCounts = detail.cityCounts
        return AreaDetailResponse(
            area: id, counts: Counts(detail.counts),
            crimeMix: detail.crimeMix.map { CrimeTypeCount(primaryType: $0.primaryType, incidents: $0.incidents) },
            arrestRate: AreaDetail.rate(detail.counts.arrests, detail.counts.incidents),
            domesticRate: AreaDetail.rate(detail.counts.domestic, detail.counts.incidents),
            byHour: detail.byHour,
            cityArrestRate: AreaDetail.rate(cityCounts.arrests, cityCounts.incidents),
            cityDomesticRate: AreaDetail.rate(cityCounts.domestic, cityCounts.incidents),
            cityMeanIncidentsPerArea: detail.cityAreasWithIncidents == 0
                ? 0 : Double(cityCounts.incidents) / Double(detail.cityAreasWithIncidents),
            cityByHour: detail.cityByHour, position: position)
    }

    func check(_ request: CheckRequest) async throws -> CheckResponse {
        guard CityCatalog.timeZone(of: request.city) != nil else {
            throw RPCError(.notFound, "no city '\(request.city)'; try chicago, nyc or uk-<force>")
        }
        let range = try CheckRange(request.range)
        let recount = try await ingestClient.call(
            Methods.Ingest.countIncidents,
            CountIncidentsRequest(city: request.city, range: request.range, primaryType: request.primaryType), timeout: .seconds(60))
        let state = index.snapshot()
        let areas = state.cities[request.city]?.monthCounts(fromMonth: range.fromMonth, toMonth: range.toMonth,
                                                            primaryType: request.primaryType) ?? [:]
        let rollup = (position: state.position, areas: areas)
        var recounted: [String: RollupCounts] = [:]
        for area in recount.areas {
            recounted[area.area] = RollupCounts(area.counts ?? Counts())
        }
        var response = CheckResponse(appliedOutboxPosition: rollup.position)
        for area in Set(recounted.keys).union(rollup.areas.keys).sorted() {
            let mine = rollup.areas[area] ?? RollupCounts(), theirs = recounted[area] ?? RollupCounts()
            if mine != theirs {
                response.differences.append(CheckDifference(area: area, rollup: Counts(mine), recount: Counts(theirs)))
            }
        }
        response.consistent = response.differences.isEmpty
        return response
    }
}
