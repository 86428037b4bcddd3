import Contracts
import Testing

/// Hand-computed protobuf encodings of `crimescope.common.v1`: the bytes are real protobuf,
/// not merely something protobuf-c reads back.
@Suite("crimescope.common.v1 encodings match the protobuf wire format")
struct CommonWireFormatTests {
    @Test func areaIdIsTwoLengthDelimitedStrings() throws {
        let expected: [UInt8] = [0x0A, 0x07] + Array("chicago".utf8) + [0x12, 0x04] + Array("0423".utf8)
        let area = AreaId(city: "chicago", area: "0423")
        #expect(area.serializedBytes() == expected)
        #expect(try AreaId(serializedBytes: expected) == area)
    }

    @Test func stringsAreUTF8OnTheWire() {
        // "Zürich": ü is C3 BC.
        #expect(AreaId(area: "Zürich").serializedBytes() == [0x12, 0x07, 0x5A, 0xC3, 0xBC, 0x72, 0x69, 0x63, 0x68])
    }

    @Test func negativeInt64IsATenByteVarint() throws {
        let range = LocalTimeRange(startLocalSeconds: -1, endLocalSeconds: 1)
        let expected: [UInt8] = [0x08] + Array(repeating: 0xFF, count: 9) + [0x01, 0x10, 0x01]
        #expect(range.serializedBytes() == expected)
        #expect(try LocalTimeRange(serializedBytes: expected) == range)
    }

    @Test func doublesAreLittleEndianFixed64() throws {
        // 1.0 = 0x3FF0000000000000, -2.0 = 0xC000000000000000; fields 1 and 4, wire type 1.
        let box = BoundingBox(minLon: 1.0, maxLat: -2.0)
        let expected: [UInt8] = [0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x21, 0, 0, 0, 0, 0, 0, 0, 0xC0]
        #expect(box.serializedBytes() == expected)
        #expect(try BoundingBox(serializedBytes: expected) == box)
    }

    @Test func zeroFieldsAreLeftOutAndFieldOrderDoesNotMatter() throws {
        // 300 = AC 02.
        #expect(Counts(incidents: 300, domestic: 1).serializedBytes() == [0x08, 0xAC, 0x02, 0x18, 0x01])
        #expect(try Counts(serializedBytes: [0x18, 0x01, 0x08, 0xAC, 0x02]) == Counts(incidents: 300, domestic: 1))
    }

    @Test func unknownFieldsAreSkipped() throws {
        // Field 9 (varint 5) and field 10 (a string) are not part of Counts.
        let bytes: [UInt8] = [0x48, 0x05, 0x10, 0x02, 0x52, 0x01, 0x41]
        #expect(try Counts(serializedBytes: bytes) == Counts(arrests: 2))
    }

    @Test func aRepeatedScalarFieldKeepsTheLastValue() throws {
        // A non-repeated field seen twice: the last one wins.
        #expect(try Counts(serializedBytes: [0x08, 0x01, 0x08, 0x02]) == Counts(incidents: 2))
    }
}

@Suite("Known protobuf-c string limitations")
struct StringLimitationTests {
    /// proto3 says a parser should reject a string that is not UTF-8; protobuf-c 1.4 accepts
    /// it and Swift repairs it with U+FFFD. This pins that (lenient) behaviour.
    @Test func invalidUTF8IsRepairedNotRejected() throws {
        #expect(try AreaId(serializedBytes: [0x0A, 0x02, 0x61, 0xFF]).city == "a\u{FFFD}")
    }
}
