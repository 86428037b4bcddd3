import Contracts
import NIOCore

/// What ``RPCClient`` asks its connection handler to do.
enum ClientOutbound: Sendable {
    /// Send a request frame and complete `reply` with the response envelope (or an RPCError).
    case call(callID: UInt64, frame: ByteBuffer, timeout: TimeAmount?, reply: EventLoopPromise<RPCEnvelope>)
    /// Give up on a call: fail it with `error` and send a CANCEL frame.
    case cancel(callID: UInt64, error: RPCError)
}
