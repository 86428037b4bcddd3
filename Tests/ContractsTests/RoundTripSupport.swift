import Contracts
import Testing

/// Encodes `message`, decodes the bytes and expects the same value back, and the same bytes
/// when the decoded value is encoded again (the encoding is deterministic).
///
/// With `fieldNumbers`, also expects exactly those top-level fields in the encoding: a fully
/// populated value must put every field of the message on the wire (proto3 leaves defaults out).
func assertRoundTrip<M: ProtoMessage>(
    _ message: M, fieldNumbers: Set<Int>? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let bytes = message.serializedBytes()
    let decoded = try M(serializedBytes: bytes)
    #expect(decoded == message, "\(M.protoName) changed in a round trip", sourceLocation: sourceLocation)
    #expect(decoded.serializedBytes() == bytes, "\(M.protoName) re-encodes differently", sourceLocation: sourceLocation)
    if let fieldNumbers {
        #expect(topLevelFieldNumbers(bytes) == fieldNumbers, "\(M.protoName) fields on the wire", sourceLocation: sourceLocation)
    }
}

/// The field numbers of the top-level fields of a protobuf encoding, read with a minimal
/// wire-format scanner independent of protobuf-c; nil when the bytes are not well formed.
func topLevelFieldNumbers(_ bytes: [UInt8]) -> Set<Int>? {
    var index = 0
    func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
    var numbers: Set<Int> = []
    while index < bytes.count {
        guard let tag = varint() else { return nil }
        numbers.insert(Int(tag >> 3))
        switch tag & 7 {
        case 0: guard varint() != nil else { return nil }
        case 1: index += 8
        case 2:
            guard let length = varint(), length <= UInt64(bytes.count - index) else { return nil }
            index += Int(length)
        case 5: index += 4
        default: return nil
        }
        guard index <= bytes.count else { return nil }
    }
    return numbers
}

/// Bytes no protobuf message can be decoded from, whatever its fields.
let garbageInputs: [(String, [UInt8])] = [
    // Field 15, length-delimited, claiming 127 bytes where there is one.
    ("length past the end", [0x7A, 0x7F, 0x41]),
    // Field 1, varint, whose continuation bit promises a byte that never comes.
    ("truncated varint", [0x08, 0xFF]),
    // Field 1 with wire type 7, which does not exist.
    ("invalid wire type", [0x0F, 0x00]),
    // Field 2, fixed64, with only three of its eight bytes.
    ("truncated fixed64", [0x11, 0x01, 0x02, 0x03]),
]

/// Expects every one of ``garbageInputs`` to throw ``ProtoDecodingError`` naming `M`.
func assertRejectsGarbage<M: ProtoMessage>(_ type: M.Type, sourceLocation: SourceLocation = #_sourceLocation) {
    for (label, bytes) in garbageInputs {
        do {
            _ = try M(serializedBytes: bytes)
            Issue.record("\(M.protoName) decoded from garbage (\(label))", sourceLocation: sourceLocation)
        } catch {
            #expect(error == ProtoDecodingError(messageName: M.protoName, byteCount: bytes.count), sourceLocation: sourceLocation)
        }
    }
}

/// Expects `message` to encode to exactly the bytes `hex` spells and to decode from them: the
/// generated golden tests hold every message to python-protobuf's encoding of the same value.
func assertGolden<M: ProtoMessage>(_ message: M, hex: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let digits = Array(hex.utf8)
    let bytes = stride(from: 0, to: digits.count, by: 2).map { index -> UInt8 in
        UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) ?? 0
    }
    #expect(message.serializedBytes() == bytes, "\(M.protoName) encodes differently from python-protobuf", sourceLocation: sourceLocation)
    #expect(try M(serializedBytes: bytes) == message, "\(M.protoName) decodes python-protobuf's bytes differently", sourceLocation: sourceLocation)
}
