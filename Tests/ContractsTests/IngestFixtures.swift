import Contracts

/// A value of every `crimescope.ingest.v1` message with every field set to a non-default value.
enum IngestFixtures {
    static let runCounts = RunCounts(
        read: Int64.max,
        inserted: Int64.min,
        updated: -9_007_199_254_740_993,
        unchanged: 1_700_000_000_123,
        rejected: Int64.max
    )
    static let run = Run(
        runID: Int64.max,
        city: "0423",
        format: .areasWKTCSV,
        source: "chicago",
        cursor: "field cursor",
        counts: IngestFixtures.runCounts,
        startedUnixMs: -9_007_199_254_740_993,
        finishedUnixMs: 1_700_000_000_123,
        status: .failed,
        error: "field error"
    )
    static let startLoadRequest = StartLoadRequest(
        city: "Zürich ✓ 東京 🚓",
        format: .areasWKTCSV,
        serverPath: "line 1\nline 2 — ünïcode",
        content: [0x00, 0x01, 0x7F, 0x80, 0xFF],
        contentName: "field content_name",
        asynchronous: true
    )
    static let startLoadResponse = StartLoadResponse(
        run: IngestFixtures.run
    )
    static let startPullRequest = StartPullRequest(
        city: "Zürich ✓ 東京 🚓",
        asynchronous: true
    )
    static let getRunRequest = GetRunRequest(
        runID: Int64.max
    )
    static let listRunsRequest = ListRunsRequest(
        city: "Zürich ✓ 東京 🚓",
        limit: Int32.min,
        beforeRunID: -9_007_199_254_740_993
    )
    static let listRunsResponse = ListRunsResponse(
        runs: [IngestFixtures.run, Run()]
    )
    static let reject = Reject(
        runID: Int64.max,
        lineNumber: Int64.min,
        rawText: "line 1\nline 2 — ünïcode",
        reason: "chicago"
    )
    static let listRejectsRequest = ListRejectsRequest(
        runID: Int64.max,
        limit: Int32.min,
        afterLineNumber: -9_007_199_254_740_993
    )
    static let listRejectsResponse = ListRejectsResponse(
        rejects: [IngestFixtures.reject, Reject()],
        total: Int64.min
    )
    static let listIncidentsRequest = ListIncidentsRequest(
        city: "Zürich ✓ 東京 🚓",
        range: CommonFixtures.localTimeRange,
        bbox: CommonFixtures.boundingBox,
        categories: ["", "Zürich", "東京 ✓", "THEFT"],
        limit: -1
    )
    static let listIncidentsResponse = ListIncidentsResponse(
        lonE4: [0, -1, 1, -64, 64, Int32.min, Int32.max, -876_298],
        latE4: [0, -1, 1, -64, 64, Int32.min, Int32.max, -876_298],
        dayIndex: [0, 1, 127, 128, 300, UInt32.max],
        categoryIndex: [0, 1, 127, 128, 300, UInt32.max],
        categories: ["", "Zürich", "東京 ✓", "THEFT"],
        arrest: [true, false, false, true],
        withoutLocation: -9_007_199_254_740_993,
        truncated: true
    )
    static let areaRecord = AreaRecord(
        area: CommonFixtures.areaId,
        name: "0423",
        geometryWKB: [0x00, 0x01, 0x7F, 0x80, 0xFF]
    )
    static let listAreasRequest = ListAreasRequest(
        city: "Zürich ✓ 東京 🚓"
    )
    static let listAreasResponse = ListAreasResponse(
        areas: [IngestFixtures.areaRecord, AreaRecord()]
    )
    static let incidentDelta = IncidentDelta(
        sign: -1,
        city: "0423",
        area: "line 1\nline 2 — ünïcode",
        primaryType: "chicago",
        category: "field category",
        occurredLocalSeconds: Int64.min,
        monthOnly: true,
        arrest: true,
        domestic: true,
        hasLocation: true,
        lon: 0.1,
        lat: Double.greatestFiniteMagnitude
    )
    static let outboxEntry = OutboxEntry(
        position: Int64.max,
        deltas: [IngestFixtures.incidentDelta, IncidentDelta()]
    )
    static let pullOutboxRequest = PullOutboxRequest(
        afterPosition: Int64.max,
        maxEntries: Int32.min,
        maxDeltas: Int32.max
    )
    static let pullOutboxResponse = PullOutboxResponse(
        entries: [IngestFixtures.outboxEntry, OutboxEntry()],
        lastPosition: Int64.min
    )
    static let countIncidentsRequest = CountIncidentsRequest(
        city: "Zürich ✓ 東京 🚓",
        range: CommonFixtures.localTimeRange,
        primaryType: "line 1\nline 2 — ünïcode"
    )
    static let areaCount = AreaCount(
        area: "Zürich ✓ 東京 🚓",
        counts: CommonFixtures.counts
    )
    static let countIncidentsResponse = CountIncidentsResponse(
        areas: [IngestFixtures.areaCount, AreaCount()],
        total: CommonFixtures.counts
    )
    static let listTrainingRowsRequest = ListTrainingRowsRequest(
        city: "Zürich ✓ 東京 🚓",
        range: CommonFixtures.localTimeRange,
        afterKey: -9_007_199_254_740_993,
        limit: -1003
    )
    static let trainingRow = TrainingRow(
        key: Int64.max,
        occurredLocalSeconds: Int64.min,
        area: "line 1\nline 2 — ünïcode",
        district: "chicago",
        communityArea: -1,
        lat: Double.greatestFiniteMagnitude,
        lon: -87.6298,
        locationDescription: "line 1\nline 2 — ünïcode",
        primaryType: "chicago",
        arrest: true,
        domestic: true,
        hasLocation: true
    )
    static let listTrainingRowsResponse = ListTrainingRowsResponse(
        rows: [IngestFixtures.trainingRow, TrainingRow()],
        lastKey: Int64.min,
        done: true
    )
}
