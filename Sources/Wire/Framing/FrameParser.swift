import NIOCore

/// Splits a byte stream into frame bodies: the pure, I/O-free part of ``FrameDecoder``.
///
/// A frame is gRPC's Length-Prefixed-Message: one flag byte (must be 0), a 4-byte big-endian
/// length, then that many bytes. The cap is checked as soon as the header is in, so an oversized
/// frame is refused before its body is buffered.
struct FrameParser: Sendable {
    /// Bytes of the header: flag + length.
    static let headerBytes = 5

    /// The largest body accepted, in bytes.
    let maxFrameBytes: Int

    /// The next complete frame body in `buffer` (consumed), or nil when more bytes are needed.
    func nextFrame(from buffer: inout ByteBuffer) throws(FrameError) -> ByteBuffer? {
        guard buffer.readableBytes >= Self.headerBytes,
              let flag = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
              let length = buffer.getInteger(at: buffer.readerIndex + 1, endianness: .big, as: UInt32.self)
        else { return nil }
        guard flag == 0 else { throw .compressed(flag: flag) }
        let bodyLength = Int(length)
        guard bodyLength <= maxFrameBytes else { throw .oversized(length: bodyLength, limit: maxFrameBytes) }
        guard buffer.readableBytes >= Self.headerBytes + bodyLength else { return nil }
        buffer.moveReaderIndex(forwardBy: Self.headerBytes)
        return buffer.readSlice(length: bodyLength)
    }

    /// Checks that the stream ended on a frame boundary.
    func checkEnd(of buffer: ByteBuffer) throws(FrameError) {
        if buffer.readableBytes > 0 { throw .truncated(bufferedBytes: buffer.readableBytes) }
    }
}
