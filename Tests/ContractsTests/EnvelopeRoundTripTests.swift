import Contracts
import Testing

@Suite("Envelope and small messages round-trip through protobuf-c")
struct EnvelopeRoundTripTests {
    @Test func requestEnvelopeRoundTrips() throws {
        let envelope = RPCEnvelope(
            callID: 42, kind: .request, method: "/crimescope.heatmap.v1.Heatmap/GetBeatHeatmap",
            timeoutMicros: 1_500_000,
            metadata: [MetadataEntry(key: "x-request-id", value: "abc"), MetadataEntry(key: "authorization", value: "Bearer t")],
            payload: [0, 1, 2, 255]
        )
        let decoded = try RPCEnvelope(serializedBytes: envelope.serializedBytes())
        #expect(decoded == envelope)
    }

    @Test func responseEnvelopeCarriesStatus() throws {
        let envelope = RPCEnvelope(callID: 7, kind: .response, status: WireStatus(code: 5, message: "no such beat"))
        let decoded = try RPCEnvelope(serializedBytes: envelope.serializedBytes())
        #expect(decoded.status == WireStatus(code: 5, message: "no such beat"))
        #expect(decoded.payload.isEmpty)
    }

    @Test func emptyMessageDecodesFromNoBytes() throws {
        #expect(ScrapeMetricsRequest().serializedBytes().isEmpty)
        _ = try ScrapeMetricsRequest(serializedBytes: [])
        let health = try HealthCheckResponse(serializedBytes: [])
        #expect(health.status == .unknown)
    }

    @Test func knownBytesMatchTheProtobufEncoding() {
        // field 1 (status), varint 1 = SERVING: tag 0x08, value 0x01.
        #expect(HealthCheckResponse(status: .serving).serializedBytes() == [0x08, 0x01])
        // field 1 (service), length-delimited "ab".
        #expect(HealthCheckRequest(service: "ab").serializedBytes() == [0x0A, 0x02, 0x61, 0x62])
    }

    @Test func garbageIsADecodingError() {
        // A length-delimited field whose length runs past the end.
        #expect(throws: ProtoDecodingError.self) { try RPCEnvelope(serializedBytes: [0x1A, 0x7F, 0x41]) }
        // A truncated varint.
        #expect(throws: ProtoDecodingError.self) { try RPCEnvelope(serializedBytes: [0x08, 0xFF]) }
    }

    @Test func unicodeStringsSurvive() throws {
        let request = HealthCheckRequest(service: "crimescope.heatmap.v1.Heatmap — Zürich ✓")
        #expect(try HealthCheckRequest(serializedBytes: request.serializedBytes()) == request)
    }
}
