import Contracts
import NIOCore

/// The client end of one connection: holds the calls in flight by call id, matches replies to
/// them, runs their local deadlines and sends CANCEL frames. All state lives on the event loop.
///
/// Writes are flushed once per event-loop turn, so calls issued together share a syscall.
final class ClientConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ClientOutbound
    typealias OutboundOut = ByteBuffer

    private struct PendingCall {
        let reply: EventLoopPromise<RPCEnvelope>
        var timer: Scheduled<Void>?
    }

    private let endpoint: Endpoint
    private var context: ChannelHandlerContext?
    private var pending: [UInt64: PendingCall] = [:]
    /// Ids cancelled before their call reached the handler (a caller cancelled while writing).
    private var cancelledEarly: Set<UInt64> = []
    /// Set once the connection is unusable; later calls fail with it.
    private var connectionError: RPCError?
    private var isFlushScheduled = false

    init(endpoint: Endpoint) { self.endpoint = endpoint }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        failAll(RPCError(.unavailable, "connection to \(endpoint) closed"))
        self.context = nil
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .call(let callID, let frame, let timeout, let reply):
            if let connectionError {
                reply.fail(connectionError)
                promise?.succeed()
                return
            }
            if cancelledEarly.remove(callID) != nil {
                reply.fail(RPCError(.cancelled, "the caller was cancelled"))
                promise?.succeed()
                return
            }
            var call = PendingCall(reply: reply, timer: nil)
            if let timeout {
                call.timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                    self.abandon(callID, RPCError(.deadlineExceeded, "deadline of \(Self.describe(timeout)) exceeded"))
                }
            }
            pending[callID] = call
            context.write(wrapOutboundOut(frame), promise: promise)
            scheduleFlush()
        case .cancel(let callID, let error):
            if pending[callID] == nil {
                if cancelledEarly.count > 4_096 { cancelledEarly.removeAll() }
                cancelledEarly.insert(callID)
            }
            abandon(callID, error)
            promise?.succeed()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let body = unwrapInboundIn(data)
        let envelope: RPCEnvelope
        do {
            envelope = try FrameEncoding.envelope(from: body)
        } catch {
            failConnection(RPCError(.internalError, "reply frame of \(body.readableBytes) bytes is not a valid \(RPCEnvelope.protoName)", cause: error))
            return
        }
        guard envelope.callID != 0 else {
            let code = StatusCode(rawValue: envelope.status?.code ?? StatusCode.unknown.rawValue)
            failConnection(RPCError(code, "server closed the connection: \(envelope.status?.message ?? "")"))
            return
        }
        guard let call = pending.removeValue(forKey: envelope.callID) else { return }
        call.timer?.cancel()
        call.reply.succeed(envelope)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? FrameError {
            failConnection(RPCError(error.status.code, "connection to \(endpoint) failed: \(error.status.message)", cause: error))
        } else {
            failConnection(RPCError(.unavailable, "connection to \(endpoint) failed: \(error)", cause: error))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(RPCError(.unavailable, "connection to \(endpoint) closed"))
        context.fireChannelInactive()
    }

    /// Fails call `callID` with `error` and tells the server to stop working on it.
    private func abandon(_ callID: UInt64, _ error: RPCError) {
        guard let call = pending.removeValue(forKey: callID) else { return }
        call.timer?.cancel()
        call.reply.fail(error)
        guard let context, connectionError == nil else { return }
        let cancel = RPCEnvelope(callID: callID, kind: .cancel)
        context.write(wrapOutboundOut(FrameEncoding.frame(cancel, allocator: context.channel.allocator)), promise: nil)
        scheduleFlush()
    }

    private func failConnection(_ error: RPCError) {
        failAll(error)
        context?.close(promise: nil)
    }

    private func failAll(_ error: RPCError) {
        if connectionError == nil { connectionError = error }
        let calls = pending
        pending.removeAll()
        for call in calls.values {
            call.timer?.cancel()
            call.reply.fail(error)
        }
    }

    private func scheduleFlush() {
        guard let context, !isFlushScheduled else { return }
        isFlushScheduled = true
        context.eventLoop.assumeIsolated().execute {
            self.isFlushScheduled = false
            self.context?.flush()
        }
    }

    private static func describe(_ timeout: TimeAmount) -> String {
        let micros = timeout.nanoseconds / 1_000
        return micros % 1_000 == 0 ? "\(micros / 1_000) ms" : "\(micros) µs"
    }
}

/// What ``RPCClient`` asks its connection handler to do.
enum ClientOutbound: Sendable {
    /// Send a request frame and complete `reply` with the response envelope (or an RPCError).
    case call(callID: UInt64, frame: ByteBuffer, timeout: TimeAmount?, reply: EventLoopPromise<RPCEnvelope>)
    /// Give up on a call: fail it with `error` and send a CANCEL frame.
    case cancel(callID: UInt64, error: RPCError)
}
