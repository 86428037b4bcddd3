import Contracts

/// A value of every `crimescope.heatmap.v1` message with every field set to a non-default value.
enum HeatmapFixtures {
    static let beatHeatmapRequest = BeatHeatmapRequest(
        city: "Zürich ✓ 東京 🚓",
        year: Int32.min,
        yearFrom: Int32.max,
        yearTo: -1003,
        hours: HeatmapFixtures.hourRange,
        primaryType: "Zürich ✓ 東京 🚓"
    )
    static let hourRange = HourRange(
        hourMin: -1,
        hourMax: Int32.min
    )
    static let areaCounts = AreaCounts(
        area: "Zürich ✓ 東京 🚓",
        counts: CommonFixtures.counts
    )
    static let crimeTypeCount = CrimeTypeCount(
        primaryType: "Zürich ✓ 東京 🚓",
        incidents: Int64.min
    )
    static let beatHeatmapResponse = BeatHeatmapResponse(
        areas: [HeatmapFixtures.areaCounts, AreaCounts()],
        total: CommonFixtures.counts,
        maxIncidents: -9_007_199_254_740_993,
        filters: HeatmapFixtures.beatHeatmapRequest,
        crimeTypes: [HeatmapFixtures.crimeTypeCount, CrimeTypeCount()],
        timeZone: "Zürich ✓ 東京 🚓"
    )
    static let windowHeatmapRequest = WindowHeatmapRequest(
        city: "Zürich ✓ 東京 🚓",
        lastHours: Int64.min,
        referenceLocalSeconds: -9_007_199_254_740_993,
        primaryType: "chicago"
    )
    static let windowHeatmapResponse = WindowHeatmapResponse(
        areas: [HeatmapFixtures.areaCounts, AreaCounts()],
        total: CommonFixtures.counts,
        maxIncidents: -9_007_199_254_740_993,
        granularity: .monthly,
        range: CommonFixtures.localTimeRange,
        timeZone: "Zürich ✓ 東京 🚓"
    )
    static let areaShapesRequest = AreaShapesRequest(
        city: "Zürich ✓ 東京 🚓",
        toleranceMeters: 41.8781
    )
    static let areaShape = AreaShape(
        area: "Zürich ✓ 東京 🚓",
        name: "0423",
        geoJSON: "line 1\nline 2 — ünïcode",
        centroidLon: -1.5e300,
        centroidLat: 0.1,
        areaKm2: Double.greatestFiniteMagnitude
    )
    static let areaShapesResponse = AreaShapesResponse(
        shapes: [HeatmapFixtures.areaShape, AreaShape()]
    )
    static let areaDetailRequest = AreaDetailRequest(
        area: CommonFixtures.areaId,
        yearFrom: Int32.min,
        yearTo: Int32.max
    )
    static let areaDetailResponse = AreaDetailResponse(
        area: CommonFixtures.areaId,
        counts: CommonFixtures.counts,
        crimeMix: [HeatmapFixtures.crimeTypeCount, CrimeTypeCount()],
        arrestRate: -1.5e300,
        domesticRate: 0.1,
        byHour: [0, -1, 1 << 40, Int64.max, Int64.min],
        cityArrestRate: -87.6298,
        cityDomesticRate: 41.8781,
        cityMeanIncidentsPerArea: 1e-300,
        cityByHour: [0, -1, 1 << 40, Int64.max, Int64.min]
    )
    static let yearGridsRequest = YearGridsRequest(
        city: "Zürich ✓ 東京 🚓",
        year: Int32.min,
        primaryType: "line 1\nline 2 — ünïcode"
    )
    static let monthGrid = MonthGrid(
        month: -1,
        cellIndex: [0, 1, 127, 128, 300, UInt32.max],
        count: [0, 1, 127, 128, 300, UInt32.max],
        total: 1_700_000_000_123,
        missing: true
    )
    static let yearGridsResponse = YearGridsResponse(
        width: -1,
        height: Int32.min,
        bounds: CommonFixtures.boundingBox,
        months: [HeatmapFixtures.monthGrid, MonthGrid()],
        normalisation: 0.1
    )
    static let hexHotspotsRequest = HexHotspotsRequest(
        city: "Zürich ✓ 東京 🚓",
        primaryType: "0423",
        firstMonth: "line 1\nline 2 — ünïcode",
        months: -1003,
        windowMonths: -1,
        topShare: Double.greatestFiniteMagnitude,
        limit: Int32.max
    )
    static let hexCell = HexCell(
        q: Int64.max,
        r: Int64.min,
        geoJSON: "line 1\nline 2 — ünïcode",
        count: 1_700_000_000_123,
        hotspotWindows: -1,
        frequency: Double.greatestFiniteMagnitude,
        rank: Int32.max
    )
    static let hexHotspotsResponse = HexHotspotsResponse(
        cells: [HeatmapFixtures.hexCell, HexCell()],
        windowPositions: Int32.min,
        missingMonths: ["", "Zürich", "東京 ✓", "THEFT"],
        capturedShare: -1.5e300,
        cellSideMeters: 0.1,
        projection: "Zürich ✓ 東京 🚓"
    )
    static let seriesRequest = SeriesRequest(
        city: "Zürich ✓ 東京 🚓",
        range: CommonFixtures.localTimeRange
    )
    static let areaSeries = AreaSeries(
        area: "Zürich ✓ 東京 🚓",
        crimeGroup: "0423",
        firstWeekLocalSeconds: -9_007_199_254_740_993,
        weeklyCounts: [0, 1, 127, 128, 300, UInt32.max]
    )
    static let seriesResponse = SeriesResponse(
        series: [HeatmapFixtures.areaSeries, AreaSeries()]
    )
    static let checkRequest = CheckRequest(
        city: "Zürich ✓ 東京 🚓",
        range: CommonFixtures.localTimeRange,
        primaryType: "line 1\nline 2 — ünïcode"
    )
    static let checkDifference = CheckDifference(
        area: "Zürich ✓ 東京 🚓",
        rollup: CommonFixtures.counts,
        recount: CommonFixtures.counts
    )
    static let checkResponse = CheckResponse(
        consistent: true,
        differences: [HeatmapFixtures.checkDifference, CheckDifference()],
        appliedOutboxPosition: -9_007_199_254_740_993
    )
    static let listCitiesRequest = ListCitiesRequest()
    static let city = City(
        city: "Zürich ✓ 東京 🚓",
        name: "0423",
        timeZone: "line 1\nline 2 — ünïcode",
        bounds: CommonFixtures.boundingBox,
        availableMonths: ["", "Zürich", "東京 ✓", "THEFT"]
    )
    static let listCitiesResponse = ListCitiesResponse(
        cities: [HeatmapFixtures.city, City()]
    )
}
