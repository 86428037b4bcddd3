import Contracts
import Logging
import NIOCore

/// Serves the calls of one connection: reads request and cancel envelopes, runs each request's
/// handler in its own `Task` (never on the event loop), enforces deadlines, and writes replies
/// back in whatever order they finish.
///
/// All state lives on the connection's event loop. Replies are written as they arrive and
/// flushed once per event-loop turn, so replies that finish together share a syscall.
final class ServerConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// One call in flight.
    private struct Call {
        var task: Task<Void, Never>?
        var deadline: Scheduled<Void>?
        let metricMethod: String
        let start: NIODeadline
    }

    private let router: RPCRouter
    private let metrics: CallMetrics
    private let logger: Logger
    private var context: ChannelHandlerContext?
    private var calls: [UInt64: Call] = [:]
    private var isDraining = false
    private var isClosing = false
    private var isFlushScheduled = false

    init(router: RPCRouter, metrics: CallMetrics, logger: Logger) {
        self.router = router
        self.metrics = metrics
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isClosing else { return }
        let body = unwrapInboundIn(data)
        let envelope: RPCEnvelope
        do {
            envelope = try FrameEncoding.envelope(from: body)
        } catch {
            failConnection(RPCError(.internalError, "frame body of \(body.readableBytes) bytes is not a valid \(RPCEnvelope.protoName)"))
            return
        }
        switch envelope.kind {
        case .request:
            startCall(envelope, context: context)
        case .cancel:
            finish(envelope.callID, code: .cancelled, reply: nil)
        case .response, .unspecified:
            failConnection(RPCError(.invalidArgument, "a client may send only REQUEST and CANCEL frames, not kind \(envelope.kind.rawValue)"))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? FrameError, !isTruncation(error) {
            failConnection(error.status)
        } else {
            logger.debug("connection error", metadata: ["error": "\(error)"])
            abandonAllCalls()
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        abandonAllCalls()
        context.fireChannelInactive()
    }

    /// Starts a graceful shutdown of this connection: calls in flight finish, new calls are
    /// refused with UNAVAILABLE, and the connection closes once no call is left.
    func beginDrain() {
        isDraining = true
        if calls.isEmpty { closeAfterPendingWrites() }
    }

    // MARK: Calls

    private func startCall(_ envelope: RPCEnvelope, context: ChannelHandlerContext) {
        let callID = envelope.callID
        guard callID != 0 else {
            failConnection(RPCError(.invalidArgument, "call id 0 is reserved for connection-level errors"))
            return
        }
        guard calls[callID] == nil else {
            failConnection(RPCError(.invalidArgument, "call id \(callID) is already in flight on this connection"))
            return
        }
        let start = NIODeadline.now()
        if isDraining {
            reject(callID, RPCError(.unavailable, "the server is shutting down"), metricMethod: envelope.method, start: start)
            return
        }
        guard let handler = router.handler(for: envelope.method) else {
            reject(callID, RPCError(.unimplemented, "unknown method '\(envelope.method)'"), metricMethod: "unknown", start: start)
            return
        }
        var call = Call(task: nil, deadline: nil, metricMethod: envelope.method, start: start)
        let timeoutMicros = envelope.timeoutMicros
        if timeoutMicros > 0 {
            let micros = Int64(clamping: min(timeoutMicros, UInt64(Int64.max / 1_000)))
            call.deadline = context.eventLoop.assumeIsolated().scheduleTask(in: .microseconds(micros)) {
                self.finish(callID, code: .deadlineExceeded, reply: nil,
                            error: RPCError(.deadlineExceeded, "deadline of \(timeoutMicros) µs exceeded"))
            }
        }
        call.task = spawnHandler(handler, envelope: envelope, eventLoop: context.eventLoop, allocator: context.channel.allocator)
        calls[callID] = call
    }

    private func spawnHandler(_ handler: @escaping RPCRouter.ErasedHandler, envelope: RPCEnvelope,
                              eventLoop: any EventLoop, allocator: ByteBufferAllocator) -> Task<Void, Never> {
        let connection = NIOLoopBound(self, eventLoop: eventLoop)
        let logger = self.logger
        return Task {
            let callID = envelope.callID
            let deadline = envelope.timeoutMicros > 0
                ? ContinuousClock.now.advanced(by: .microseconds(Int64(clamping: envelope.timeoutMicros))) : nil
            let serverContext = ServerContext(method: envelope.method, metadata: envelope.metadata, deadline: deadline, logger: logger)
            let reply: RPCEnvelope
            do {
                let payload = try await handler(envelope.payload, serverContext)
                reply = RPCEnvelope(callID: callID, kind: .response, payload: payload, status: WireStatus(code: 0, message: ""))
            } catch {
                let status = RPCError(mappingHandlerError: error, logger: serverContext.logger)
                reply = RPCEnvelope(callID: callID, kind: .response, status: WireStatus(code: status.code.rawValue, message: status.message, reason: status.reason))
                // A call that did not succeed is logged with its request and trace ids (every
                // service's line for one browser request shares the trace-id); successes only at debug.
                if status.code != .cancelled {
                    serverContext.logger.info("call ended", metadata: ["code": "\(status.code.name)", "message": "\(status.message)"])
                }
            }
            if reply.status?.code ?? 0 == 0 { serverContext.logger.debug("call ended", metadata: ["code": "OK"]) }
            let frame = FrameEncoding.frame(reply, allocator: allocator)
            let code = StatusCode(rawValue: reply.status?.code ?? 0)
            connection.eventLoop.execute {
                connection.value.finish(callID, code: code, reply: frame)
            }
        }
    }

    /// Ends call `callID` once: writes `reply` (or a response built from `error`), or nothing
    /// for a cancelled call, and cancels the handler's task if it is still running.
    private func finish(_ callID: UInt64, code: StatusCode, reply: ByteBuffer?, error: RPCError? = nil) {
        guard let call = calls.removeValue(forKey: callID) else { return }
        call.deadline?.cancel()
        if reply == nil { call.task?.cancel() }
        if let reply {
            write(reply)
        } else if let error {
            write(response(callID, error))
        }
        record(call.metricMethod, code: code, start: call.start)
        if isDraining, calls.isEmpty { closeAfterPendingWrites() }
    }

    private func reject(_ callID: UInt64, _ error: RPCError, metricMethod: String, start: NIODeadline) {
        write(response(callID, error))
        record(metricMethod, code: error.code, start: start)
    }

    private func abandonAllCalls() {
        let abandoned = calls
        calls.removeAll()
        for call in abandoned.values {
            call.deadline?.cancel()
            call.task?.cancel()
            record(call.metricMethod, code: .cancelled, start: call.start)
        }
    }

    private func record(_ method: String, code: StatusCode, start: NIODeadline) {
        metrics.record(method: method, code: code, durationNanoseconds: (NIODeadline.now() - start).nanoseconds)
    }

    // MARK: Writing

    private func response(_ callID: UInt64, _ error: RPCError) -> ByteBuffer {
        let envelope = RPCEnvelope(callID: callID, kind: .response, status: WireStatus(code: error.code.rawValue, message: error.message, reason: error.reason))
        return FrameEncoding.frame(envelope, allocator: context?.channel.allocator ?? ByteBufferAllocator())
    }

    private func write(_ frame: ByteBuffer) {
        guard let context, !isClosing else { return }
        context.write(wrapOutboundOut(frame), promise: nil)
        guard !isFlushScheduled else { return }
        isFlushScheduled = true
        context.eventLoop.assumeIsolated().execute {
            self.isFlushScheduled = false
            self.context?.flush()
        }
    }

    /// Tells the peer what went wrong with the connection (call id 0) and closes it.
    private func failConnection(_ error: RPCError) {
        logger.info("closing connection after a protocol error", metadata: ["code": "\(error.code)", "error": "\(error.message)"])
        write(response(0, error))
        abandonAllCalls()
        closeAfterPendingWrites()
    }

    private func closeAfterPendingWrites() {
        guard let context, !isClosing else { return }
        isClosing = true
        let flushed = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0)), promise: flushed)
        flushed.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    private func isTruncation(_ error: FrameError) -> Bool {
        if case .truncated = error { return true }
        return false
    }
}
