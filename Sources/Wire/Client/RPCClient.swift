import Contracts
import NIOCore
import NIOPosix
import Synchronization

/// Calls methods of one server endpoint over a single, shared connection.
///
/// The connection is opened by the first call, shared by all calls (each matched to its reply
/// by call id), and reopened by the next call after it drops; calls in flight when it drops fail
/// with UNAVAILABLE. Every error thrown is an ``RPCError``.
///
/// ```swift
/// let client = RPCClient(endpoint: .unix(path: "/run/crimescope/heatmap.sock"))
/// let health = try await client.call(MethodNames.Health.check, HealthCheckRequest(), as: HealthCheckResponse.self)
/// ```
public final class RPCClient: Sendable {
    private enum ConnectionState {
        case idle
        case connecting(EventLoopFuture<any Channel>)
        case connected(any Channel)
        case closed
    }

    /// The endpoint this client calls.
    public let endpoint: Endpoint
    private let configuration: RPCClientConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let connection = Mutex(ConnectionState.idle)
    private let lastCallID = Atomic<UInt64>(0)

    /// A client of `endpoint`; nothing is connected until the first call.
    public init(endpoint: Endpoint, configuration: RPCClientConfiguration = .init(),
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.endpoint = endpoint
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
    }

    deinit {
        if case .connected(let channel) = connection.withLock({ $0 }) { channel.close(promise: nil) }
    }

    /// Calls `method` with `request` and returns the decoded reply.
    ///
    /// - Parameters:
    ///   - timeout: How long to wait; defaults to the configuration's `defaultTimeout`. Sent to
    ///     the server, which cancels the handler when it passes.
    ///   - metadata: Entries such as `x-request-id` or `authorization: Bearer <token>`.
    /// - Throws: ``RPCError``: the server's status when it is not OK; UNAVAILABLE when the
    ///   connection cannot be made or drops; DEADLINE_EXCEEDED when the timeout passes;
    ///   CANCELLED when the calling task is cancelled (both also send a CANCEL frame);
    ///   RESOURCE_EXHAUSTED when the request frame exceeds `maxFrameBytes` (nothing is sent);
    ///   INTERNAL when the reply does not decode as `Response`.
    public func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String,
        _ request: Request,
        as responseType: Response.Type = Response.self,
        timeout: Duration? = nil,
        metadata: [MetadataEntry] = []
    ) async throws -> Response {
        let timeout = timeout ?? configuration.defaultTimeout
        let callID = lastCallID.wrappingAdd(1, ordering: .relaxed).newValue
        let envelope = RPCEnvelope(callID: callID, kind: .request, method: method,
                                   timeoutMicros: timeout.map(Self.microseconds) ?? 0,
                                   metadata: metadata, payload: request.serializedBytes())
        let body = envelope.serializedBytes()
        guard body.count <= configuration.maxFrameBytes else {
            throw RPCError(.resourceExhausted, "request frame of \(body.count) bytes exceeds the \(configuration.maxFrameBytes)-byte limit")
        }
        let reply = try await send(callID: callID, body: body, timeout: timeout)
        if let status = reply.status, status.code != StatusCode.ok.rawValue {
            throw RPCError(StatusCode(rawValue: status.code), status.message)
        }
        do {
            return try Response(serializedBytes: reply.payload)
        } catch {
            throw RPCError(.internalError, "reply payload of \(reply.payload.count) bytes is not a valid \(Response.protoName)", cause: error)
        }
    }

    /// Closes the connection; calls in flight fail with UNAVAILABLE and later calls too.
    public func close() async {
        let state = connection.withLock { state in
            defer { state = .closed }
            return state
        }
        switch state {
        case .connected(let channel):
            try? await channel.close()
        case .connecting(let future):
            if let channel = try? await future.get() { try? await channel.close() }
        case .idle, .closed:
            break
        }
    }

    private func send(callID: UInt64, body: [UInt8], timeout: Duration?) async throws(RPCError) -> RPCEnvelope {
        guard !Task.isCancelled else { throw RPCError(.cancelled, "the caller was cancelled") }
        let channel = try await connectedChannel()
        let reply = channel.eventLoop.makePromise(of: RPCEnvelope.self)
        let frame = FrameEncoding.frame(body: body, allocator: channel.allocator)
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { error in
            reply.fail(RPCError(.unavailable, "cannot send to \(self.endpoint): \(error)", cause: error))
        }
        do {
            return try await withTaskCancellationHandler {
                channel.write(ClientOutbound.call(callID: callID, frame: frame, timeout: timeout.map(TimeAmount.init), reply: reply),
                              promise: written)
                return try await reply.futureResult.get()
            } onCancel: {
                channel.write(ClientOutbound.cancel(callID: callID, error: RPCError(.cancelled, "the caller was cancelled")), promise: nil)
            }
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.unavailable, "call to \(endpoint) failed: \(error)", cause: error)
        }
    }

    /// The shared connection, opening it if there is none.
    private func connectedChannel() async throws(RPCError) -> any Channel {
        enum Next {
            case use(any Channel)
            case wait(EventLoopFuture<any Channel>)
            case connect(EventLoopPromise<any Channel>)
            case closed
        }
        let next: Next = connection.withLock { state in
            switch state {
            case .connected(let channel) where channel.isActive:
                return .use(channel)
            case .connecting(let future):
                return .wait(future)
            case .closed:
                return .closed
            case .idle, .connected:
                let promise = eventLoopGroup.next().makePromise(of: (any Channel).self)
                state = .connecting(promise.futureResult)
                return .connect(promise)
            }
        }
        let future: EventLoopFuture<any Channel>
        switch next {
        case .use(let channel):
            return channel
        case .closed:
            throw RPCError(.unavailable, "the client of \(endpoint) is closed")
        case .wait(let pending):
            future = pending
        case .connect(let promise):
            connect(completing: promise)
            future = promise.futureResult
        }
        do {
            return try await future.get()
        } catch {
            throw RPCError(.unavailable, "cannot connect to \(endpoint): \(error)", cause: error)
        }
    }

    private func connect(completing promise: EventLoopPromise<any Channel>) {
        promise.futureResult.whenComplete { result in
            self.connection.withLock { state in
                guard case .connecting(let future) = state, future == promise.futureResult else { return }
                switch result {
                case .success(let channel): state = .connected(channel)
                case .failure: state = .idle
                }
            }
            if case .success(let channel) = result {
                channel.closeFuture.whenComplete { _ in self.forget(channel) }
                // close() may have run while connecting.
                if case .closed = self.connection.withLock({ $0 }) { channel.close(promise: nil) }
            }
        }
        let endpoint = self.endpoint
        let maxFrameBytes = configuration.maxFrameBytes
        let bootstrap = ClientBootstrap(group: promise.futureResult.eventLoop)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameBytes: maxFrameBytes)))
                    try channel.pipeline.syncOperations.addHandler(ClientConnectionHandler(endpoint: endpoint))
                }
            }
        switch endpoint {
        case .unix(let path):
            bootstrap.connect(unixDomainSocketPath: path).cascade(to: promise)
        case .tcp(let host, let port):
            bootstrap.channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port).cascade(to: promise)
        }
    }

    private func forget(_ channel: any Channel) {
        connection.withLock { state in
            if case .connected(let current) = state, current === channel { state = .idle }
        }
    }

    private static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 1 }
        let micros = seconds.multipliedReportingOverflow(by: 1_000_000)
        guard !micros.overflow else { return UInt64(Int64.max) }
        return UInt64(max(1, micros.partialValue + attoseconds / 1_000_000_000_000))
    }
}
