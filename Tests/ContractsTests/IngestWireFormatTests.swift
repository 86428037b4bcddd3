import Contracts
import Testing

/// Hand-computed protobuf encodings of `crimescope.ingest.v1`, enum fallbacks and the
/// conversions of repeated scalars, bools, bytes and nested messages.
@Suite("crimescope.ingest.v1 encodings match the protobuf wire format")
struct IngestWireFormatTests {
    @Test func repeatedSint32IsPackedZigZag() throws {
        // zig-zag: 0→0, -1→1, 1→2, -64→127, 64→128 (80 01); field 1, one length-delimited run.
        let response = ListIncidentsResponse(lonE4: [0, -1, 1, -64, 64])
        let expected: [UInt8] = [0x0A, 0x06, 0x00, 0x01, 0x02, 0x7F, 0x80, 0x01]
        #expect(response.serializedBytes() == expected)
        #expect(try ListIncidentsResponse(serializedBytes: expected) == response)
    }

    @Test func sint32ExtremesZigZag() throws {
        // Int32.min → 0xFFFFFFFF, Int32.max → 0xFFFFFFFE; field 2.
        let response = ListIncidentsResponse(latE4: [Int32.min, Int32.max])
        let expected: [UInt8] = [0x12, 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F]
        #expect(response.serializedBytes() == expected)
        #expect(try ListIncidentsResponse(serializedBytes: expected) == response)
    }

    @Test func repeatedUint32AndBoolArePacked() {
        // day_index (3) [300, 1]; arrest (6) [true, false, true].
        let response = ListIncidentsResponse(dayIndex: [300, 1], arrest: [true, false, true])
        #expect(response.serializedBytes() == [0x1A, 0x03, 0xAC, 0x02, 0x01, 0x32, 0x03, 0x01, 0x00, 0x01])
    }

    @Test func unpackedRepeatedScalarsAreAccepted() throws {
        // Parsers must accept the unpacked form too: lon_e4 -2, 2 and arrest true, false as
        // separate varint fields, then one more packed run appended to the same field.
        let bytes: [UInt8] = [0x08, 0x03, 0x08, 0x04, 0x30, 0x01, 0x30, 0x00, 0x0A, 0x01, 0x05]
        let decoded = try ListIncidentsResponse(serializedBytes: bytes)
        #expect(decoded.lonE4 == [-2, 2, -3])
        #expect(decoded.arrest == [true, false])
    }

    @Test func anyNonZeroBoolIsTrue() throws {
        // truncated (8) = 2 is still true.
        #expect(try ListIncidentsResponse(serializedBytes: [0x40, 0x02]).truncated)
        #expect(ListIncidentsResponse(truncated: true).serializedBytes() == [0x40, 0x01])
    }

    @Test func repeatedStringsKeepEmptyElementsAndOrder() throws {
        // categories (5): "", "B".
        let response = ListIncidentsResponse(categories: ["", "B"])
        #expect(response.serializedBytes() == [0x2A, 0x00, 0x2A, 0x01, 0x42])
        #expect(try ListIncidentsResponse(serializedBytes: response.serializedBytes()) == response)
    }

    @Test func signIsZigZagEncodedInOneByte() throws {
        // sint32 sign (1): zig-zag maps -1 to 1 and +1 to 2, one byte each (an int32 -1 would take ten).
        #expect(IncidentDelta(sign: -1).serializedBytes() == [0x08, 0x01])
        #expect(IncidentDelta(sign: 1).serializedBytes() == [0x08, 0x02])
        #expect(try IncidentDelta(serializedBytes: [0x08, 0x01]).sign == -1)
    }

    @Test func bytesAreLengthDelimited() throws {
        let record = AreaRecord(geometryWKB: [0x01, 0x00, 0xFF])
        #expect(record.serializedBytes() == [0x1A, 0x03, 0x01, 0x00, 0xFF])
        #expect(try AreaRecord(serializedBytes: [0x1A, 0x03, 0x01, 0x00, 0xFF]) == record)
    }

    @Test func nestedMessageAbsentDiffersFromPresentButEmpty() throws {
        #expect(StartLoadResponse().serializedBytes() == [])
        #expect(StartLoadResponse(run: Run()).serializedBytes() == [0x0A, 0x00])
        #expect(try StartLoadResponse(serializedBytes: []).run == nil)
        #expect(try StartLoadResponse(serializedBytes: [0x0A, 0x00]).run == Run())
    }

    @Test func nestedMessagesFromAnotherPackage() throws {
        // range (2) = {start 1}, bbox (3) = {} , limit (5) = 7.
        let request = ListIncidentsRequest(range: LocalTimeRange(startLocalSeconds: 1), bbox: BoundingBox(), limit: 7)
        #expect(request.serializedBytes() == [0x12, 0x02, 0x08, 0x01, 0x1A, 0x00, 0x28, 0x07])
        #expect(try ListIncidentsRequest(serializedBytes: request.serializedBytes()) == request)
    }

    @Test func repeatedMessagesKeepOrderAndEmptyElements() throws {
        let response = PullOutboxResponse(entries: [OutboxEntry(position: 2), OutboxEntry(), OutboxEntry(position: 1)], lastPosition: 2)
        #expect(response.serializedBytes() == [0x0A, 0x02, 0x08, 0x02, 0x0A, 0x00, 0x0A, 0x02, 0x08, 0x01, 0x10, 0x02])
        #expect(try PullOutboxResponse(serializedBytes: response.serializedBytes()) == response)
    }

    @Test func enumsAreVarints() throws {
        // format (3) = CHICAGO_CSV, status (9) = FAILED.
        let run = Run(format: .chicagoCSV, status: .failed)
        #expect(run.serializedBytes() == [0x18, 0x01, 0x48, 0x03])
        #expect(try Run(serializedBytes: [0x18, 0x01, 0x48, 0x03]) == run)
    }

    @Test func unknownEnumNumbersAreKept() throws {
        // format 99, status 7: numbers from a newer contract.
        let bytes: [UInt8] = [0x08, 0x05, 0x18, 0x63, 0x48, 0x07]
        let run = try Run(serializedBytes: bytes)
        #expect(run.format == .unrecognized(99))
        #expect(run.status == .unrecognized(7))
        #expect(run.runID == 5)
        #expect(run.serializedBytes() == bytes)
        // A negative number (ten-byte varint).
        let negativeBytes: [UInt8] = [0x10] + Array(repeating: 0xFF, count: 9) + [0x01]
        let negative = try StartLoadRequest(serializedBytes: negativeBytes)
        #expect(negative.format == .unrecognized(-1))
        #expect(negative.serializedBytes() == negativeBytes)
    }

    @Test func enumNamesAndNumbers() {
        #expect(SourceFormat.allCases.map(\.rawValue) == Array(0...7))
        #expect(SourceFormat.nypdArrestsSocrataJSON.name == "SOURCE_FORMAT_NYPD_ARRESTS_SOCRATA_JSON")
        #expect(SourceFormat.policeUKCSV.name == "SOURCE_FORMAT_POLICE_UK_CSV")
        #expect(SourceFormat.areasGeoJSON.name == "SOURCE_FORMAT_AREAS_GEOJSON")
        #expect(SourceFormat(rawValue: 2) == .chicagoSocrataJSON)
        #expect(RunStatus.allCases.map(\.name) == [
            "RUN_STATUS_UNSPECIFIED", "RUN_STATUS_RUNNING", "RUN_STATUS_SUCCEEDED", "RUN_STATUS_FAILED",
            "RUN_STATUS_WAITING",
        ])
        #expect(RunStatus.allCases.filter(\.hasEnded) == [.succeeded, .failed])
    }

    @Test func waitingRunRoundTrips() throws {
        let run = Run(runID: 12, city: "uk-west-yorkshire", format: .policeUKCSV, status: .waiting, waitingForRunID: 11)
        let decoded = try Run(serializedBytes: run.serializedBytes())
        #expect(decoded.status == .waiting)
        #expect(decoded.waitingForRunID == 11)
    }

    @Test func largeRepeatedFieldsRoundTrip() throws {
        let count = 100_000
        let response = ListIncidentsResponse(
            lonE4: (0..<count).map { Int32(truncatingIfNeeded: $0 &* 7_919) - 876_298 },
            latE4: (0..<count).map { Int32(truncatingIfNeeded: $0) },
            dayIndex: (0..<count).map { UInt32($0 % 31) },
            categoryIndex: (0..<count).map { UInt32($0 % 3) },
            categories: ["FELONY", "MISDEMEANOR", "VIOLATION"],
            arrest: (0..<count).map { $0 % 3 == 0 },
            withoutLocation: 12,
            truncated: true
        )
        try assertRoundTrip(response, fieldNumbers: [1, 2, 3, 4, 5, 6, 7, 8])
    }

    /// protobuf-c holds strings as NUL-terminated `char *`, so a string with U+0000 in it
    /// (valid proto3) is cut at the NUL when it is encoded. This pins the known limitation.
    @Test func embeddedNULCutsAStringShort() throws {
        let request = StartLoadRequest(city: "chi\u{0}cago")
        #expect(try StartLoadRequest(serializedBytes: request.serializedBytes()).city == "chi")
    }
}
