import Contracts
import Wire

/// The `crimescope.heatmap.v1.Heatmap` handlers: thin conversions between the contracts and the
/// in-memory ``RollupIndex`` (every count), with the store for the area polygons. Check
/// recounts through ingest's RPC.
public struct HeatmapHandlers: Sendable {
    let index: RollupIndex
    let store: HeatmapStore
    let ingestClient: RPCClient
    /// Contiguity and hex covers derived from the area polygons, per city.
    let significanceCache = SignificanceCache()

    public init(index: RollupIndex, store: HeatmapStore, ingest: RPCClient) {
        self.index = index
        self.store = store
        self.ingestClient = ingest
    }

    /// Registers ListCities, GetBeatHeatmap, GetWindowHeatmap, GetYearGrids, GetHexHotspots, GetSeries, GetSignificance, GetAreaShapes, GetAreaDetail, Check and WatchPosition.
    public func register(on router: inout RPCRouter) {
        router.register(Methods.Heatmap.listCities) { (_: ListCitiesRequest, _) in try await listCities() }
        // The reply is written by the heatmap's own fast encoder of BeatHeatmapResponse.
        router.register(Methods.Heatmap.getBeatHeatmap.withReply(BeatHeatmapReply.self)) { (request: BeatHeatmapRequest, _) in
            try beatHeatmap(request)
        }
        router.register(Methods.Heatmap.check) { (request: CheckRequest, _) in try await check(request) }
        router.register(Methods.Heatmap.watchPosition) { (request: WatchPositionRequest, _) in try await watchPosition(request) }
        router.register(Methods.Heatmap.getAreaShapes) { (request: AreaShapesRequest, _) in try await areaShapes(request) }
        router.register(Methods.Heatmap.getAreaDetail) { (request: AreaDetailRequest, _) in try areaDetail(request) }
        router.register(Methods.Heatmap.getWindowHeatmap) { (request: WindowHeatmapRequest, _) in
            try windowHeatmap(request)
        }
        router.register(Methods.Heatmap.getYearGrids) { (request: YearGridsRequest, _) in try yearGrids(request) }
        router.register(Methods.Heatmap.getHexHotspots) { (request: HexHotspotsRequest, _) in try hexHotspots(request) }
        router.register(Methods.Heatmap.getSeries) { (request: SeriesRequest, _) in try series(request) }
        router.register(Methods.Heatmap.getSignificance) { (request: SignificanceRequest, _) in
            try await significance(request)
        }
    }

    func listCities() async throws -> ListCitiesResponse {
        ListCitiesResponse(cities: index.cities.compactMap { city in
            guard let timeZone = CityCatalog.timeZone(of: city.city) else { return nil }
            let bounds = city.extent.map {
                BoundingBox(minLon: $0.minLon, minLat: $0.minLat, maxLon: $0.maxLon, maxLat: $0.maxLat)
            }
            return City(city: city.city, name: CityCatalog.displayName(of: city.city), timeZone: timeZone,
                        bounds: bounds, availableMonths: city.availableMonths)
        })
    }

    func beatHeatmap(_ request: BeatHeatmapRequest) throws(RPCError) -> BeatHeatmapReply {
        let query = try BeatQuery(request)
        let result = (index.city(query.city) ?? CityRollupIndex(city: query.city)).query(query)
        return BeatHeatmapReply(result, request: request, timeZone: CityCatalog.timeZone(of: query.city) ?? "")
    }

    /// Shapes from the heatmap's own copy; a city with none is first copied from ingest's
    /// ListAreas. Polygons reloaded into ingest afterwards are not picked up yet.
    func areaShapes(_ request: AreaShapesRequest) async throws -> AreaShapesResponse {
        guard CityCatalog.timeZone(of: request.city) != nil else {
            throw RPCError(.notFound, "no city '\(request.city)'; try chicago, nyc or uk-<force>")
        }
        guard request.toleranceMeters.isFinite, (0...10_000).contains(request.toleranceMeters) else {
            throw RPCError(.invalidArgument, "tolerance_meters must be 0-10000, got \(request.toleranceMeters)")
        }
        let tolerance = request.toleranceMeters == 0 ? 20 : request.toleranceMeters
        var shapes = try await store.areaShapes(city: request.city, toleranceMetres: tolerance)
        if shapes.isEmpty {
            let areas = try await ingestClient.call(Methods.Ingest.listAreas, ListAreasRequest(city: request.city), timeout: .seconds(60))
            guard !areas.areas.isEmpty else { return AreaShapesResponse() }
            try await store.replaceAreaShapes(city: request.city, records: areas.areas)
            shapes = try await store.areaShapes(city: request.city, toleranceMetres: tolerance)
        }
        return AreaShapesResponse(shapes: shapes.map {
            AreaShape(area: $0.area, name: $0.name, geoJSON: $0.geojson, centroidLon: $0.centroidLon,
                      centroidLat: $0.centroidLat, areaKm2: $0.areaKm2)
        })
    }

    func areaDetail(_ request: AreaDetailRequest) throws(RPCError) -> AreaDetailResponse {
        guard let id = request.area, !id.area.isEmpty else { throw RPCError(.invalidArgument, "area (city and area) is required") }
        let query = try BeatQuery(BeatHeatmapRequest(city: id.city, yearFrom: request.yearFrom, yearTo: request.yearTo))
        guard let detail = index.city(query.city)?.detail(area: id.area, query: query) else {
            throw RPCError(.notFound, "no incidents ever in area '\(id.area)' of \(id.city)")
        }
        let city = detail.cityCounts
        return AreaDetailResponse(
            area: id, counts: Counts(detail.counts),
            crimeMix: detail.crimeMix.map { CrimeTypeCount(primaryType: $0.primaryType, incidents: $0.incidents) },
            arrestRate: AreaDetail.rate(detail.counts.arrests, detail.counts.incidents),
            domesticRate: AreaDetail.rate(detail.counts.domestic, detail.counts.incidents),
            byHour: detail.byHour,
            cityArrestRate: AreaDetail.rate(city.arrests, city.incidents),
            cityDomesticRate: AreaDetail.rate(city.domestic, city.incidents),
            cityMeanIncidentsPerArea: detail.cityAreasWithIncidents == 0
                ? 0 : Double(city.incidents) / Double(detail.cityAreasWithIncidents),
            cityByHour: detail.cityByHour)
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
