import Contracts
import Testing

/// proto3 enums are open: a number this build has no case for must survive a decode and an
/// encode (a newer peer's value passes through an older service unchanged).
@Suite("Enum numbers this build does not know survive a round trip")
struct UnrecognizedEnumTests {
    @Test func singularFieldKeepsItsNumber() throws {
        // Run.status (field 9) = 99, Run.format (field 3) = 1000.
        let bytes: [UInt8] = [0x18, 0xE8, 0x07, 0x48, 0x63]
        let run = try Run(serializedBytes: bytes)
        #expect(run.status == .unrecognized(99))
        #expect(run.status.rawValue == 99)
        #expect(run.format == .unrecognized(1000))
        #expect(run.serializedBytes() == bytes)
    }

    @Test func repeatedFieldKeepsItsNumbers() throws {
        let request = TrainRequest(city: "chicago", kinds: [.arrest, .unrecognized(42), .beatForecast])
        let decoded = try TrainRequest(serializedBytes: request.serializedBytes())
        #expect(decoded.kinds.map(\.rawValue) == [1, 42, 5])
        #expect(decoded == request)
    }

    @Test func nestedEnumKeepsItsNumber() throws {
        let response = HealthCheckResponse(status: HealthCheckResponse.ServingStatus(rawValue: 7))
        let decoded = try HealthCheckResponse(serializedBytes: response.serializedBytes())
        #expect(decoded.status == .unrecognized(7))
        #expect(decoded.status.name == "7")
    }

    @Test func knownNumbersAreTheirCasesHoweverMade() {
        #expect(RunStatus(rawValue: 2) == .succeeded)
        #expect(RunStatus.unrecognized(2) == .succeeded)
        #expect(Set([RunStatus.unrecognized(2), .succeeded]).count == 1)
        #expect(RunStatus.allCases.map(\.rawValue) == [0, 1, 2, 3, 4])
        #expect(ModelKind.crimeType.name == "MODEL_KIND_CRIME_TYPE")
        #expect(!RunStatus.unrecognized(9).hasEnded)
    }

    @Test func frameKindIsClosed() throws {
        // Envelope.kind (field 2) = 9: a frame kind this build does not know reads as unspecified.
        let envelope = try RPCEnvelope(serializedBytes: [0x10, 0x09])
        #expect(envelope.kind == .unspecified)
    }
}
