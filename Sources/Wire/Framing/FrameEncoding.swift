import Contracts
import NIOCore

/// Writes frames: the 5-byte header, then the serialized envelope.
enum FrameEncoding {
    /// One whole frame holding `envelope`.
    static func frame(_ envelope: RPCEnvelope, allocator: ByteBufferAllocator) -> ByteBuffer {
        frame(body: envelope.serializedBytes(), allocator: allocator)
    }

    /// One whole frame around already serialized envelope bytes.
    static func frame(body: [UInt8], allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: FrameParser.headerBytes + body.count)
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(UInt32(truncatingIfNeeded: body.count), endianness: .big)
        buffer.writeBytes(body)
        return buffer
    }

    /// Reads an envelope from a frame body.
    static func envelope(from body: ByteBuffer) throws(ProtoDecodingError) -> RPCEnvelope {
        let bytes = body.getBytes(at: body.readerIndex, length: body.readableBytes) ?? []
        return try RPCEnvelope(serializedBytes: bytes)
    }
}
