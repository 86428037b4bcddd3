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
/// let health = try await client.call(Methods.Health.check, HealthCheckRequest())
/// ```
public final class RPCClient: Sendable {
    /// The endpoint this client calls.
    public let endpoint: Endpoint
    private let configuration: RPCClientConfiguration
    private let connection: SharedConnection
    private let lastCallID = Atomic<UInt64>(0)
    private let metrics = CallMetrics(side: "client")

    /// A client of `endpoint`; nothing is connected until the first call.
    public init(endpoint: Endpoint, configuration: RPCClientConfiguration = .init(),
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.endpoint = endpoint
        self.configuration = configuration
        self.connection = SharedConnection(endpoint: endpoint, maxFrameBytes: configuration.maxFrameBytes,
                                           connectTimeout: configuration.connectTimeout, eventLoopGroup: eventLoopGroup)
    }

    deinit {
        connection.closeNow()
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
        _ method: RPCMethod<Request, Response>,
        _ request: Request,
        timeout: Duration? = nil,
        metadata: [MetadataEntry] = []
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await exchange(method.fullName, request, as: Response.self, timeout: timeout, metadata: metadata)
            metrics.record(method: method.fullName, code: .ok, durationNanoseconds: Self.nanoseconds(since: start))
            return response
        } catch {
            metrics.record(method: method.fullName, code: error.code, durationNanoseconds: Self.nanoseconds(since: start))
            throw error
        }
    }

    private func exchange<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: String, _ request: Request, as responseType: Response.Type, timeout: Duration?, metadata: [MetadataEntry]
    ) async throws(RPCError) -> Response {
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
        await connection.close()
    }

    private func send(callID: UInt64, body: [UInt8], timeout: Duration?) async throws(RPCError) -> RPCEnvelope {
        guard !Task.isCancelled else { throw RPCError(.cancelled, "the caller was cancelled") }
        let channel = try await connection.channel()
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

    private static func nanoseconds(since start: ContinuousClock.Instant) -> Int64 {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    private static func microseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 1 }
        let micros = seconds.multipliedReportingOverflow(by: 1_000_000)
        guard !micros.overflow else { return UInt64(Int64.max) }
        return UInt64(max(1, micros.partialValue + attoseconds / 1_000_000_000_000))
    }
}
