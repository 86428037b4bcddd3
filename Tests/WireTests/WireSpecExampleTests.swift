import Contracts
import NIOCore
import Testing
@testable import Wire

/// The worked example of Protos/README.md, byte for byte.
@Suite("The wire spec's worked example")
struct WireSpecExampleTests {
    static let exampleHex = """
        00 00 00 00 4e \
        08 01 \
        10 01 \
        1a 22 2f 63 72 69 6d 65 73 63 6f 70 65 2e 68 65 61 6c 74 68 2e 76 31 2e 48 65 61 6c 74 68 2f 43 68 65 63 6b \
        20 90 a1 0f \
        2a 15 0a 0c 78 2d 72 65 71 75 65 73 74 2d 69 64 12 05 72 65 71 2d 31 \
        32 09 0a 07 68 65 61 74 6d 61 70
        """

    static var example: RPCEnvelope {
        RPCEnvelope(callID: 1, kind: .request, method: Methods.Health.check.fullName, timeoutMicros: 250_000,
                    metadata: [MetadataEntry(key: "x-request-id", value: "req-1")],
                    payload: HealthCheckRequest(service: "heatmap").serializedBytes())
    }

    @Test func encoderProducesTheDocumentedBytes() {
        let frame = FrameEncoding.frame(Self.example, allocator: ByteBufferAllocator())
        let hex = frame.readableBytesView.map { String($0, radix: 16).leftPadded() }.joined(separator: " ")
        #expect(hex == Self.exampleHex)
    }

    @Test func documentedBytesDecode() throws {
        let bytes = Self.exampleHex.split(separator: " ").compactMap { UInt8($0, radix: 16) }
        var buffer = ByteBuffer(bytes: bytes)
        let body = try #require(try FrameParser(maxFrameBytes: 1 << 20).nextFrame(from: &buffer))
        #expect(try FrameEncoding.envelope(from: body) == Self.example)
        #expect(buffer.readableBytes == 0)
    }
}

private extension String {
    func leftPadded() -> String { count == 1 ? "0" + self : self }
}
