import NIOCore

/// The inbound framing handler: emits each frame body (a serialized envelope) as a `ByteBuffer`.
///
/// Errors (``FrameError``) reach the next handler through `errorCaught`; that handler answers
/// the peer and closes the connection.
struct FrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    let parser: FrameParser

    init(maxFrameBytes: Int) { parser = FrameParser(maxFrameBytes: maxFrameBytes) }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let body = try parser.nextFrame(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(body))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if seenEOF { try parser.checkEnd(of: buffer) }
        return .needMoreData
    }
}
