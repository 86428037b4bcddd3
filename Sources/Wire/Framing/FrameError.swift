/// A connection-level framing problem: the byte stream cannot be read as frames any more, so the
/// connection is closed (after telling the peer, where that is possible).
enum FrameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The header announces a message longer than the receiver accepts.
    case oversized(length: Int, limit: Int)
    /// The compressed flag is not 0; this wire never compresses.
    case compressed(flag: UInt8)
    /// The stream ended in the middle of a frame.
    case truncated(bufferedBytes: Int)

    /// The status the receiver reports to its peer (as a response with call id 0).
    var status: RPCError {
        switch self {
        case .oversized(let length, let limit):
            RPCError(.resourceExhausted, "frame of \(length) bytes exceeds the \(limit)-byte limit")
        case .compressed(let flag):
            RPCError(.internalError, "compressed flag \(flag) is not supported: frames must have flag 0")
        case .truncated(let bufferedBytes):
            RPCError(.internalError, "connection ended in the middle of a frame (\(bufferedBytes) bytes buffered)")
        }
    }

    var description: String { status.message }
}
