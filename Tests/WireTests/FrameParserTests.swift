import Contracts
import NIOCore
import Testing
@testable import Wire

@Suite("Frame parsing: pieces, truncation, caps, flags")
struct FrameParserTests {
    private static func frames(_ count: Int) -> (bytes: [UInt8], bodies: [[UInt8]]) {
        var bytes: [UInt8] = []
        var bodies: [[UInt8]] = []
        for index in 0..<count {
            let envelope = RPCEnvelope(callID: UInt64(index + 1), kind: .request, method: "/m/\(index)",
                                       payload: Array(repeating: UInt8(index & 0xFF), count: index * 7))
            let body = envelope.serializedBytes()
            bodies.append(body)
            bytes += Array(FrameEncoding.frame(body: body, allocator: ByteBufferAllocator()).readableBytesView)
        }
        return (bytes, bodies)
    }

    /// Feeds `bytes` in the given chunk sizes, collecting every frame body.
    private static func feed(_ bytes: [UInt8], chunkSizes: [Int], parser: FrameParser) throws -> (bodies: [[UInt8]], rest: ByteBuffer) {
        var buffer = ByteBuffer()
        var bodies: [[UInt8]] = []
        var offset = 0
        var sizes = chunkSizes.makeIterator()
        while offset < bytes.count {
            let size = min(sizes.next() ?? 1, bytes.count - offset)
            buffer.writeBytes(bytes[offset..<(offset + size)])
            offset += size
            while let body = try parser.nextFrame(from: &buffer) { bodies.append(Array(body.readableBytesView)) }
            buffer.discardReadBytes()
        }
        return (bodies, buffer)
    }

    @Test func byteByByte() throws {
        let (bytes, bodies) = Self.frames(20)
        let result = try Self.feed(bytes, chunkSizes: Array(repeating: 1, count: bytes.count), parser: FrameParser(maxFrameBytes: 1 << 20))
        #expect(result.bodies == bodies)
        #expect(result.rest.readableBytes == 0)
    }

    @Test func randomChunkings() throws {
        let (bytes, bodies) = Self.frames(50)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let sizes = (0..<bytes.count).map { _ in Int.random(in: 1...64, using: &generator) }
            let result = try Self.feed(bytes, chunkSizes: sizes, parser: FrameParser(maxFrameBytes: 1 << 20))
            #expect(result.bodies == bodies)
        }
    }

    @Test func allAtOnce() throws {
        let (bytes, bodies) = Self.frames(30)
        let result = try Self.feed(bytes, chunkSizes: [bytes.count], parser: FrameParser(maxFrameBytes: 1 << 20))
        #expect(result.bodies == bodies)
    }

    @Test func truncatedStreamIsAnErrorAtTheEnd() throws {
        let (bytes, bodies) = Self.frames(3)
        let parser = FrameParser(maxFrameBytes: 1 << 20)
        for cut in [1, 4, 5, bytes.count - 1] {
            let result = try Self.feed(Array(bytes.dropLast(cut)), chunkSizes: [3], parser: parser)
            #expect(result.bodies.count < bodies.count)
            #expect(throws: FrameError.self) { try parser.checkEnd(of: result.rest) }
        }
        var complete = ByteBuffer(bytes: bytes)
        while try parser.nextFrame(from: &complete) != nil {}
        try parser.checkEnd(of: complete)
    }

    @Test func oversizedFrameIsRefusedFromItsHeader() {
        var buffer = ByteBuffer(bytes: [0, 0, 0, 1, 0])  // announces 256 bytes, none sent
        #expect(throws: FrameError.oversized(length: 256, limit: 255)) {
            _ = try FrameParser(maxFrameBytes: 255).nextFrame(from: &buffer)
        }
        #expect(FrameError.oversized(length: 256, limit: 255).status
            == RPCError(.resourceExhausted, "frame of 256 bytes exceeds the 255-byte limit"))
        var atLimit = ByteBuffer(bytes: [0, 0, 0, 0, 3, 1, 2, 3])
        #expect((try? FrameParser(maxFrameBytes: 3).nextFrame(from: &atLimit))??.readableBytes == 3)
    }

    @Test func compressedFlagIsRefused() {
        var buffer = ByteBuffer(bytes: [1, 0, 0, 0, 0])
        #expect(throws: FrameError.compressed(flag: 1)) {
            _ = try FrameParser(maxFrameBytes: 100).nextFrame(from: &buffer)
        }
    }

    @Test func emptyBodyIsAFrame() throws {
        var buffer = ByteBuffer(bytes: [0, 0, 0, 0, 0])
        let body = try FrameParser(maxFrameBytes: 10).nextFrame(from: &buffer)
        #expect(body?.readableBytes == 0)
    }
}
