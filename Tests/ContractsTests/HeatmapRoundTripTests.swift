import Contracts
import Testing

@Suite("crimescope.heatmap.v1 messages round-trip through protobuf-c")
struct HeatmapRoundTripTests {
    @Test func beatHeatmapRequest() throws {
        try assertRoundTrip(HeatmapFixtures.beatHeatmapRequest, fieldNumbers: [1, 2, 3, 4, 5, 6])
        try assertRoundTrip(BeatHeatmapRequest())
        #expect(HeatmapFixtures.beatHeatmapRequest != BeatHeatmapRequest())
        #expect(BeatHeatmapRequest().serializedBytes().isEmpty)
    }

    @Test func hourRange() throws {
        try assertRoundTrip(HeatmapFixtures.hourRange, fieldNumbers: [1, 2])
        try assertRoundTrip(HourRange())
        #expect(HeatmapFixtures.hourRange != HourRange())
        #expect(HourRange().serializedBytes().isEmpty)
    }

    @Test func areaCounts() throws {
        try assertRoundTrip(HeatmapFixtures.areaCounts, fieldNumbers: [1, 2])
        try assertRoundTrip(AreaCounts())
        #expect(HeatmapFixtures.areaCounts != AreaCounts())
        #expect(AreaCounts().serializedBytes().isEmpty)
    }

    @Test func crimeTypeCount() throws {
        try assertRoundTrip(HeatmapFixtures.crimeTypeCount, fieldNumbers: [1, 2])
        try assertRoundTrip(CrimeTypeCount())
        #expect(HeatmapFixtures.crimeTypeCount != CrimeTypeCount())
        #expect(CrimeTypeCount().serializedBytes().isEmpty)
    }

    @Test func beatHeatmapResponse() throws {
        try assertRoundTrip(HeatmapFixtures.beatHeatmapResponse, fieldNumbers: [1, 2, 3, 4, 5, 6])
        try assertRoundTrip(BeatHeatmapResponse())
        #expect(HeatmapFixtures.beatHeatmapResponse != BeatHeatmapResponse())
        #expect(BeatHeatmapResponse().serializedBytes().isEmpty)
    }

    @Test func windowHeatmapRequest() throws {
        try assertRoundTrip(HeatmapFixtures.windowHeatmapRequest, fieldNumbers: [1, 2, 3, 4])
        try assertRoundTrip(WindowHeatmapRequest())
        #expect(HeatmapFixtures.windowHeatmapRequest != WindowHeatmapRequest())
        #expect(WindowHeatmapRequest().serializedBytes().isEmpty)
    }

    @Test func windowHeatmapResponse() throws {
        try assertRoundTrip(HeatmapFixtures.windowHeatmapResponse, fieldNumbers: [1, 2, 3, 4, 5, 6])
        try assertRoundTrip(WindowHeatmapResponse())
        #expect(HeatmapFixtures.windowHeatmapResponse != WindowHeatmapResponse())
        #expect(WindowHeatmapResponse().serializedBytes().isEmpty)
    }

    @Test func areaShapesRequest() throws {
        try assertRoundTrip(HeatmapFixtures.areaShapesRequest, fieldNumbers: [1, 2])
        try assertRoundTrip(AreaShapesRequest())
        #expect(HeatmapFixtures.areaShapesRequest != AreaShapesRequest())
        #expect(AreaShapesRequest().serializedBytes().isEmpty)
    }

    @Test func areaShape() throws {
        try assertRoundTrip(HeatmapFixtures.areaShape, fieldNumbers: [1, 2, 3, 4, 5, 6])
        try assertRoundTrip(AreaShape())
        #expect(HeatmapFixtures.areaShape != AreaShape())
        #expect(AreaShape().serializedBytes().isEmpty)
    }

    @Test func areaShapesResponse() throws {
        try assertRoundTrip(HeatmapFixtures.areaShapesResponse, fieldNumbers: [1])
        try assertRoundTrip(AreaShapesResponse())
        #expect(HeatmapFixtures.areaShapesResponse != AreaShapesResponse())
        #expect(AreaShapesResponse().serializedBytes().isEmpty)
    }

    @Test func areaDetailRequest() throws {
        try assertRoundTrip(HeatmapFixtures.areaDetailRequest, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(AreaDetailRequest())
        #expect(HeatmapFixtures.areaDetailRequest != AreaDetailRequest())
        #expect(AreaDetailRequest().serializedBytes().isEmpty)
    }

    @Test func areaDetailResponse() throws {
        try assertRoundTrip(HeatmapFixtures.areaDetailResponse, fieldNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        try assertRoundTrip(AreaDetailResponse())
        #expect(HeatmapFixtures.areaDetailResponse != AreaDetailResponse())
        #expect(AreaDetailResponse().serializedBytes().isEmpty)
    }

    @Test func yearGridsRequest() throws {
        try assertRoundTrip(HeatmapFixtures.yearGridsRequest, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(YearGridsRequest())
        #expect(HeatmapFixtures.yearGridsRequest != YearGridsRequest())
        #expect(YearGridsRequest().serializedBytes().isEmpty)
    }

    @Test func monthGrid() throws {
        try assertRoundTrip(HeatmapFixtures.monthGrid, fieldNumbers: [1, 2, 3, 4, 5])
        try assertRoundTrip(MonthGrid())
        #expect(HeatmapFixtures.monthGrid != MonthGrid())
        #expect(MonthGrid().serializedBytes().isEmpty)
    }

    @Test func yearGridsResponse() throws {
        try assertRoundTrip(HeatmapFixtures.yearGridsResponse, fieldNumbers: [1, 2, 3, 4, 5])
        try assertRoundTrip(YearGridsResponse())
        #expect(HeatmapFixtures.yearGridsResponse != YearGridsResponse())
        #expect(YearGridsResponse().serializedBytes().isEmpty)
    }

    @Test func hexHotspotsRequest() throws {
        try assertRoundTrip(HeatmapFixtures.hexHotspotsRequest, fieldNumbers: [1, 2, 3, 4, 5, 6, 7])
        try assertRoundTrip(HexHotspotsRequest())
        #expect(HeatmapFixtures.hexHotspotsRequest != HexHotspotsRequest())
        #expect(HexHotspotsRequest().serializedBytes().isEmpty)
    }

    @Test func hexCell() throws {
        try assertRoundTrip(HeatmapFixtures.hexCell, fieldNumbers: [1, 2, 3, 4, 5, 6, 7])
        try assertRoundTrip(HexCell())
        #expect(HeatmapFixtures.hexCell != HexCell())
        #expect(HexCell().serializedBytes().isEmpty)
    }

    @Test func hexHotspotsResponse() throws {
        try assertRoundTrip(HeatmapFixtures.hexHotspotsResponse, fieldNumbers: [1, 2, 3, 4, 5, 6])
        try assertRoundTrip(HexHotspotsResponse())
        #expect(HeatmapFixtures.hexHotspotsResponse != HexHotspotsResponse())
        #expect(HexHotspotsResponse().serializedBytes().isEmpty)
    }

    @Test func seriesRequest() throws {
        try assertRoundTrip(HeatmapFixtures.seriesRequest, fieldNumbers: [1, 2])
        try assertRoundTrip(SeriesRequest())
        #expect(HeatmapFixtures.seriesRequest != SeriesRequest())
        #expect(SeriesRequest().serializedBytes().isEmpty)
    }

    @Test func areaSeries() throws {
        try assertRoundTrip(HeatmapFixtures.areaSeries, fieldNumbers: [1, 2, 3, 4])
        try assertRoundTrip(AreaSeries())
        #expect(HeatmapFixtures.areaSeries != AreaSeries())
        #expect(AreaSeries().serializedBytes().isEmpty)
    }

    @Test func seriesResponse() throws {
        try assertRoundTrip(HeatmapFixtures.seriesResponse, fieldNumbers: [1])
        try assertRoundTrip(SeriesResponse())
        #expect(HeatmapFixtures.seriesResponse != SeriesResponse())
        #expect(SeriesResponse().serializedBytes().isEmpty)
    }

    @Test func checkRequest() throws {
        try assertRoundTrip(HeatmapFixtures.checkRequest, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(CheckRequest())
        #expect(HeatmapFixtures.checkRequest != CheckRequest())
        #expect(CheckRequest().serializedBytes().isEmpty)
    }

    @Test func checkDifference() throws {
        try assertRoundTrip(HeatmapFixtures.checkDifference, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(CheckDifference())
        #expect(HeatmapFixtures.checkDifference != CheckDifference())
        #expect(CheckDifference().serializedBytes().isEmpty)
    }

    @Test func checkResponse() throws {
        try assertRoundTrip(HeatmapFixtures.checkResponse, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(CheckResponse())
        #expect(HeatmapFixtures.checkResponse != CheckResponse())
        #expect(CheckResponse().serializedBytes().isEmpty)
    }

    @Test func listCitiesRequest() throws {
        try assertRoundTrip(ListCitiesRequest())
    }

    @Test func city() throws {
        try assertRoundTrip(HeatmapFixtures.city, fieldNumbers: [1, 2, 3, 4, 5])
        try assertRoundTrip(City())
        #expect(HeatmapFixtures.city != City())
        #expect(City().serializedBytes().isEmpty)
    }

    @Test func listCitiesResponse() throws {
        try assertRoundTrip(HeatmapFixtures.listCitiesResponse, fieldNumbers: [1])
        try assertRoundTrip(ListCitiesResponse())
        #expect(HeatmapFixtures.listCitiesResponse != ListCitiesResponse())
        #expect(ListCitiesResponse().serializedBytes().isEmpty)
    }

    @Test func garbageIsADecodingErrorForEveryMessage() {
        assertRejectsGarbage(BeatHeatmapRequest.self)
        assertRejectsGarbage(HourRange.self)
        assertRejectsGarbage(AreaCounts.self)
        assertRejectsGarbage(CrimeTypeCount.self)
        assertRejectsGarbage(BeatHeatmapResponse.self)
        assertRejectsGarbage(WindowHeatmapRequest.self)
        assertRejectsGarbage(WindowHeatmapResponse.self)
        assertRejectsGarbage(AreaShapesRequest.self)
        assertRejectsGarbage(AreaShape.self)
        assertRejectsGarbage(AreaShapesResponse.self)
        assertRejectsGarbage(AreaDetailRequest.self)
        assertRejectsGarbage(AreaDetailResponse.self)
        assertRejectsGarbage(YearGridsRequest.self)
        assertRejectsGarbage(MonthGrid.self)
        assertRejectsGarbage(YearGridsResponse.self)
        assertRejectsGarbage(HexHotspotsRequest.self)
        assertRejectsGarbage(HexCell.self)
        assertRejectsGarbage(HexHotspotsResponse.self)
        assertRejectsGarbage(SeriesRequest.self)
        assertRejectsGarbage(AreaSeries.self)
        assertRejectsGarbage(SeriesResponse.self)
        assertRejectsGarbage(CheckRequest.self)
        assertRejectsGarbage(CheckDifference.self)
        assertRejectsGarbage(CheckResponse.self)
        assertRejectsGarbage(ListCitiesRequest.self)
        assertRejectsGarbage(City.self)
        assertRejectsGarbage(ListCitiesResponse.self)
    }
}
