import Contracts
import Testing

/// Hand-computed protobuf encodings of `crimescope.predict.v1`: the `map<string, double>`,
/// the repeated enum and the enum fallback.
@Suite("crimescope.predict.v1 encodings match the protobuf wire format")
struct PredictWireFormatTests {
    @Test func mapIsARepeatedEntryMessage() throws {
        // metrics (6): entry {key (1) "a", value (2) 1.0}.
        let metrics = ModelMetrics(metrics: ["a": 1.0])
        let expected: [UInt8] = [0x32, 0x0C, 0x0A, 0x01, 0x61, 0x11, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F]
        #expect(metrics.serializedBytes() == expected)
        #expect(try ModelMetrics(serializedBytes: expected) == metrics)
    }

    @Test func mapEntriesAreWrittenInKeyOrder() {
        let entryA: [UInt8] = [0x32, 0x0C, 0x0A, 0x01, 0x61, 0x11, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F]
        let entryB: [UInt8] = [0x32, 0x0C, 0x0A, 0x01, 0x62, 0x11, 0, 0, 0, 0, 0, 0, 0x00, 0x40]
        #expect(ModelMetrics(metrics: ["b": 2.0, "a": 1.0]).serializedBytes() == entryA + entryB)
    }

    @Test func mapDecodingFollowsProtobufRules() throws {
        // The same key twice: the last entry wins.
        let twice: [UInt8] = [0x32, 0x0C, 0x0A, 0x01, 0x61, 0x11, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F,
                              0x32, 0x0C, 0x0A, 0x01, 0x61, 0x11, 0, 0, 0, 0, 0, 0, 0x00, 0x40]
        #expect(try ModelMetrics(serializedBytes: twice).metrics == ["a": 2.0])
        // An entry without a value has value 0; one without a key has key "".
        #expect(try ModelMetrics(serializedBytes: [0x32, 0x03, 0x0A, 0x01, 0x61]).metrics == ["a": 0])
        #expect(try ModelMetrics(serializedBytes: [0x32, 0x09, 0x11, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F]).metrics == ["": 1.0])
    }

    @Test func repeatedEnumIsPackedAndUnknownNumbersAreKept() throws {
        // kinds (2) [ARREST, BEAT_FORECAST].
        let request = TrainRequest(kinds: [.arrest, .beatForecast])
        #expect(request.serializedBytes() == [0x12, 0x02, 0x01, 0x05])
        #expect(try TrainRequest(serializedBytes: [0x12, 0x02, 0x01, 0x05]) == request)
        #expect(try TrainRequest(serializedBytes: [0x12, 0x02, 0x01, 0x63]).kinds == [.arrest, .unrecognized(99)])
    }

    @Test func enumAndDoubleFields() throws {
        // kind (1) CRIME_TYPE, probability (3) 0.25 = 0x3FD0000000000000.
        let answer = ModelAnswer(kind: .crimeType, probability: 0.25)
        let expected: [UInt8] = [0x08, 0x04, 0x19, 0, 0, 0, 0, 0, 0, 0xD0, 0x3F]
        #expect(answer.serializedBytes() == expected)
        #expect(try ModelAnswer(serializedBytes: expected) == answer)
        #expect(try ModelAnswer(serializedBytes: [0x08, 0x2A]).kind == .unrecognized(42))
    }

    @Test func nestedMessageWithABool() throws {
        // context (1) = IncidentContext{has_location (8) true}; top_classes (3) = 5.
        let request = PredictRequest(context: IncidentContext(hasLocation: true), topClasses: 5)
        #expect(request.serializedBytes() == [0x0A, 0x02, 0x40, 0x01, 0x18, 0x05])
        #expect(try PredictRequest(serializedBytes: request.serializedBytes()) == request)
        #expect(try PredictRequest(serializedBytes: [0x18, 0x05]).context == nil)
    }

    @Test func modelKindNames() {
        #expect(ModelKind.allCases.map(\.rawValue) == Array(0...5))
        #expect(ModelKind.crimeType.name == "MODEL_KIND_CRIME_TYPE")
        #expect(ModelKind.beatForecast.name == "MODEL_KIND_BEAT_FORECAST")
    }
}
