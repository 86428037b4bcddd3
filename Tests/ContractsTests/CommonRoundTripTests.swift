import Contracts
import Testing

@Suite("crimescope.common.v1 messages round-trip through protobuf-c")
struct CommonRoundTripTests {
    @Test func areaId() throws {
        try assertRoundTrip(CommonFixtures.areaId, fieldNumbers: [1, 2])
        try assertRoundTrip(AreaId())
        #expect(CommonFixtures.areaId != AreaId())
        #expect(AreaId().serializedBytes().isEmpty)
    }

    @Test func localTimeRange() throws {
        try assertRoundTrip(CommonFixtures.localTimeRange, fieldNumbers: [1, 2])
        try assertRoundTrip(LocalTimeRange())
        #expect(CommonFixtures.localTimeRange != LocalTimeRange())
        #expect(LocalTimeRange().serializedBytes().isEmpty)
    }

    @Test func boundingBox() throws {
        try assertRoundTrip(CommonFixtures.boundingBox, fieldNumbers: [1, 2, 3, 4])
        try assertRoundTrip(BoundingBox())
        #expect(CommonFixtures.boundingBox != BoundingBox())
        #expect(BoundingBox().serializedBytes().isEmpty)
    }

    @Test func counts() throws {
        try assertRoundTrip(CommonFixtures.counts, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(Counts())
        #expect(CommonFixtures.counts != Counts())
        #expect(Counts().serializedBytes().isEmpty)
    }

    @Test func garbageIsADecodingErrorForEveryMessage() {
        assertRejectsGarbage(AreaId.self)
        assertRejectsGarbage(LocalTimeRange.self)
        assertRejectsGarbage(BoundingBox.self)
        assertRejectsGarbage(Counts.self)
    }
}
