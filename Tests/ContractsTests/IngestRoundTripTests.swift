import Contracts
import Testing

@Suite("crimescope.ingest.v1 messages round-trip through protobuf-c")
struct IngestRoundTripTests {
    @Test func runCounts() throws {
        try assertRoundTrip(IngestFixtures.runCounts, fieldNumbers: [1, 2, 3, 4, 5])
        try assertRoundTrip(RunCounts())
        #expect(IngestFixtures.runCounts != RunCounts())
        #expect(RunCounts().serializedBytes().isEmpty)
    }

    @Test func run() throws {
        try assertRoundTrip(IngestFixtures.run, fieldNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        try assertRoundTrip(Run())
        #expect(IngestFixtures.run != Run())
        #expect(Run().serializedBytes().isEmpty)
    }

    @Test func startLoadRequest() throws {
        try assertRoundTrip(IngestFixtures.startLoadRequest, fieldNumbers: [1, 2, 3, 4, 5, 6])
        try assertRoundTrip(StartLoadRequest())
        #expect(IngestFixtures.startLoadRequest != StartLoadRequest())
        #expect(StartLoadRequest().serializedBytes().isEmpty)
    }

    @Test func startLoadResponse() throws {
        try assertRoundTrip(IngestFixtures.startLoadResponse, fieldNumbers: [1])
        try assertRoundTrip(StartLoadResponse())
        #expect(IngestFixtures.startLoadResponse != StartLoadResponse())
        #expect(StartLoadResponse().serializedBytes().isEmpty)
    }

    @Test func startPullRequest() throws {
        try assertRoundTrip(IngestFixtures.startPullRequest, fieldNumbers: [1, 2])
        try assertRoundTrip(StartPullRequest())
        #expect(IngestFixtures.startPullRequest != StartPullRequest())
        #expect(StartPullRequest().serializedBytes().isEmpty)
    }

    @Test func getRunRequest() throws {
        try assertRoundTrip(IngestFixtures.getRunRequest, fieldNumbers: [1])
        try assertRoundTrip(GetRunRequest())
        #expect(IngestFixtures.getRunRequest != GetRunRequest())
        #expect(GetRunRequest().serializedBytes().isEmpty)
    }

    @Test func listRunsRequest() throws {
        try assertRoundTrip(IngestFixtures.listRunsRequest, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(ListRunsRequest())
        #expect(IngestFixtures.listRunsRequest != ListRunsRequest())
        #expect(ListRunsRequest().serializedBytes().isEmpty)
    }

    @Test func listRunsResponse() throws {
        try assertRoundTrip(IngestFixtures.listRunsResponse, fieldNumbers: [1])
        try assertRoundTrip(ListRunsResponse())
        #expect(IngestFixtures.listRunsResponse != ListRunsResponse())
        #expect(ListRunsResponse().serializedBytes().isEmpty)
    }

    @Test func reject() throws {
        try assertRoundTrip(IngestFixtures.reject, fieldNumbers: [1, 2, 3, 4])
        try assertRoundTrip(Reject())
        #expect(IngestFixtures.reject != Reject())
        #expect(Reject().serializedBytes().isEmpty)
    }

    @Test func listRejectsRequest() throws {
        try assertRoundTrip(IngestFixtures.listRejectsRequest, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(ListRejectsRequest())
        #expect(IngestFixtures.listRejectsRequest != ListRejectsRequest())
        #expect(ListRejectsRequest().serializedBytes().isEmpty)
    }

    @Test func listRejectsResponse() throws {
        try assertRoundTrip(IngestFixtures.listRejectsResponse, fieldNumbers: [1, 2])
        try assertRoundTrip(ListRejectsResponse())
        #expect(IngestFixtures.listRejectsResponse != ListRejectsResponse())
        #expect(ListRejectsResponse().serializedBytes().isEmpty)
    }

    @Test func listIncidentsRequest() throws {
        try assertRoundTrip(IngestFixtures.listIncidentsRequest, fieldNumbers: [1, 2, 3, 4, 5])
        try assertRoundTrip(ListIncidentsRequest())
        #expect(IngestFixtures.listIncidentsRequest != ListIncidentsRequest())
        #expect(ListIncidentsRequest().serializedBytes().isEmpty)
    }

    @Test func listIncidentsResponse() throws {
        try assertRoundTrip(IngestFixtures.listIncidentsResponse, fieldNumbers: [1, 2, 3, 4, 5, 6, 7, 8])
        try assertRoundTrip(ListIncidentsResponse())
        #expect(IngestFixtures.listIncidentsResponse != ListIncidentsResponse())
        #expect(ListIncidentsResponse().serializedBytes().isEmpty)
    }

    @Test func areaRecord() throws {
        try assertRoundTrip(IngestFixtures.areaRecord, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(AreaRecord())
        #expect(IngestFixtures.areaRecord != AreaRecord())
        #expect(AreaRecord().serializedBytes().isEmpty)
    }

    @Test func listAreasRequest() throws {
        try assertRoundTrip(IngestFixtures.listAreasRequest, fieldNumbers: [1])
        try assertRoundTrip(ListAreasRequest())
        #expect(IngestFixtures.listAreasRequest != ListAreasRequest())
        #expect(ListAreasRequest().serializedBytes().isEmpty)
    }

    @Test func listAreasResponse() throws {
        try assertRoundTrip(IngestFixtures.listAreasResponse, fieldNumbers: [1])
        try assertRoundTrip(ListAreasResponse())
        #expect(IngestFixtures.listAreasResponse != ListAreasResponse())
        #expect(ListAreasResponse().serializedBytes().isEmpty)
    }

    @Test func incidentDelta() throws {
        try assertRoundTrip(IngestFixtures.incidentDelta, fieldNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        try assertRoundTrip(IncidentDelta())
        #expect(IngestFixtures.incidentDelta != IncidentDelta())
        #expect(IncidentDelta().serializedBytes().isEmpty)
    }

    @Test func outboxEntry() throws {
        try assertRoundTrip(IngestFixtures.outboxEntry, fieldNumbers: [1, 2])
        try assertRoundTrip(OutboxEntry())
        #expect(IngestFixtures.outboxEntry != OutboxEntry())
        #expect(OutboxEntry().serializedBytes().isEmpty)
    }

    @Test func pullOutboxRequest() throws {
        try assertRoundTrip(IngestFixtures.pullOutboxRequest, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(PullOutboxRequest())
        #expect(IngestFixtures.pullOutboxRequest != PullOutboxRequest())
        #expect(PullOutboxRequest().serializedBytes().isEmpty)
    }

    @Test func pullOutboxResponse() throws {
        try assertRoundTrip(IngestFixtures.pullOutboxResponse, fieldNumbers: [1, 2])
        try assertRoundTrip(PullOutboxResponse())
        #expect(IngestFixtures.pullOutboxResponse != PullOutboxResponse())
        #expect(PullOutboxResponse().serializedBytes().isEmpty)
    }

    @Test func countIncidentsRequest() throws {
        try assertRoundTrip(IngestFixtures.countIncidentsRequest, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(CountIncidentsRequest())
        #expect(IngestFixtures.countIncidentsRequest != CountIncidentsRequest())
        #expect(CountIncidentsRequest().serializedBytes().isEmpty)
    }

    @Test func areaCount() throws {
        try assertRoundTrip(IngestFixtures.areaCount, fieldNumbers: [1, 2])
        try assertRoundTrip(AreaCount())
        #expect(IngestFixtures.areaCount != AreaCount())
        #expect(AreaCount().serializedBytes().isEmpty)
    }

    @Test func countIncidentsResponse() throws {
        try assertRoundTrip(IngestFixtures.countIncidentsResponse, fieldNumbers: [1, 2])
        try assertRoundTrip(CountIncidentsResponse())
        #expect(IngestFixtures.countIncidentsResponse != CountIncidentsResponse())
        #expect(CountIncidentsResponse().serializedBytes().isEmpty)
    }

    @Test func listTrainingRowsRequest() throws {
        try assertRoundTrip(IngestFixtures.listTrainingRowsRequest, fieldNumbers: [1, 2, 3, 4])
        try assertRoundTrip(ListTrainingRowsRequest())
        #expect(IngestFixtures.listTrainingRowsRequest != ListTrainingRowsRequest())
        #expect(ListTrainingRowsRequest().serializedBytes().isEmpty)
    }

    @Test func trainingRow() throws {
        try assertRoundTrip(IngestFixtures.trainingRow, fieldNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        try assertRoundTrip(TrainingRow())
        #expect(IngestFixtures.trainingRow != TrainingRow())
        #expect(TrainingRow().serializedBytes().isEmpty)
    }

    @Test func listTrainingRowsResponse() throws {
        try assertRoundTrip(IngestFixtures.listTrainingRowsResponse, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(ListTrainingRowsResponse())
        #expect(IngestFixtures.listTrainingRowsResponse != ListTrainingRowsResponse())
        #expect(ListTrainingRowsResponse().serializedBytes().isEmpty)
    }

    @Test func garbageIsADecodingErrorForEveryMessage() {
        assertRejectsGarbage(RunCounts.self)
        assertRejectsGarbage(Run.self)
        assertRejectsGarbage(StartLoadRequest.self)
        assertRejectsGarbage(StartLoadResponse.self)
        assertRejectsGarbage(StartPullRequest.self)
        assertRejectsGarbage(GetRunRequest.self)
        assertRejectsGarbage(ListRunsRequest.self)
        assertRejectsGarbage(ListRunsResponse.self)
        assertRejectsGarbage(Reject.self)
        assertRejectsGarbage(ListRejectsRequest.self)
        assertRejectsGarbage(ListRejectsResponse.self)
        assertRejectsGarbage(ListIncidentsRequest.self)
        assertRejectsGarbage(ListIncidentsResponse.self)
        assertRejectsGarbage(AreaRecord.self)
        assertRejectsGarbage(ListAreasRequest.self)
        assertRejectsGarbage(ListAreasResponse.self)
        assertRejectsGarbage(IncidentDelta.self)
        assertRejectsGarbage(OutboxEntry.self)
        assertRejectsGarbage(PullOutboxRequest.self)
        assertRejectsGarbage(PullOutboxResponse.self)
        assertRejectsGarbage(CountIncidentsRequest.self)
        assertRejectsGarbage(AreaCount.self)
        assertRejectsGarbage(CountIncidentsResponse.self)
        assertRejectsGarbage(ListTrainingRowsRequest.self)
        assertRejectsGarbage(TrainingRow.self)
        assertRejectsGarbage(ListTrainingRowsResponse.self)
    }
}
