import Contracts
import NIOCore
import NIOPosix
import Synchronization

/// Calls methods of a service that runs as one or several replicas.
///
/// Each replica gets one connection, opened by the first call that goes there, shared by all
/// calls to it (each matched to its reply by call id), and reopened by the next call after it
/// drops. Calls rotate over the replicas that are up (``ReplicaBoard``). With several replicas,
/// or a `tcp://name:port` whose name DNS may map to several addresses, a background task asks
/// every replica Health/Check each `healthCheckInterval` and looks names up again; a replica
/// that answers anything but SERVING, or whose call fails with UNAVAILABLE, is skipped until a
/// check finds it SERVING again.
///
/// A call that fails with UNAVAILABLE (connection refused or lost, server draining) is sent once
/// more to another replica when its method is read-only (``RPCMethod/isReadOnly``), or when the
/// request never left this process; a write that may have reached a replica is never resent.
/// Every error thrown is an ``RPCError``.
///
/// ```swift
/// let client = RPCClient(endpoints: [.tcp(host: "10.0.0.5", port: 7002), .tcp(host: "10.0.0.6", port: 7002)])
/// let health = try await client.call(Methods.Health.check, HealthCheckRequest())
/// ```
package final class RPCClient: Sendable {
    /// The first configured endpoint (the only one for a single-replica client).
    package let endpoint: Endpoint
    /// The configured endpoints, before DNS names are expanded to their addresses.
    package let endpoints: [Endpoint]
    private let configuration: RPCClientConfiguration
    private let eventLoopGroup: any EventLoopGroup
    private let replicas: Mutex<ReplicaConnections>
    private let watcher = Mutex<Task<Void, Never>?>(nil)
    private let lastCallID = Atomic<UInt64>(0)
    private let metrics = CallMetrics(side: "client")

    private struct ReplicaConnections {
        var board: ReplicaBoard
        var connections: [Endpoint: SharedConnection] = [:]
        var isClosed = false
    }

    /// A client of one endpoint; nothing is connected until the first call.
    package convenience init(endpoint: Endpoint, configuration: RPCClientConfiguration = .init(),
                            eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.init(endpoints: [endpoint], configuration: configuration, eventLoopGroup: eventLoopGroup)
    }

    /// A client of the replicas at `endpoints` (at least one); nothing is connected until the
    /// first call, and background health checks start at once when there is more than one
    /// replica or a DNS name.
    package init(endpoints: [Endpoint], configuration: RPCClientConfiguration = .init(),
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        precondition(!endpoints.isEmpty, "an RPCClient needs at least one endpoint")
        self.endpoint = endpoints[0]
        self.endpoints = endpoints
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
        self.replicas = Mutex(ReplicaConnections(board: ReplicaBoard(endpoints: endpoints)))
        if let interval = configuration.healthCheckInterval, endpoints.count > 1 || ReplicaResolver.hasNames(endpoints) {
            let task = Task { [weak self] in
                while !Task.isCancelled {
                    await self?.checkReplicas()
                    do { try await Task.sleep(for: interval) } catch { return }
                }
            }
            watcher.withLock { $0 = task }
        }
    }

    deinit {
        watcher.withLock { $0?.cancel() }
        for connection in replicas.withLock({ $0.connections.values }) { connection.closeNow() }
    }

    /// The replicas and what this client last learnt about each.
    var replicaBoard: ReplicaBoard { replicas.withLock { $0.board } }

    /// Calls `method` with `request` and returns the decoded reply.
    ///
    /// - Parameters:
    ///   - timeout: How long to wait, per attempt; defaults to the configuration's
    ///     `defaultTimeout`. Sent to the server, which cancels the handler when it passes.
    ///   - metadata: Entries such as `x-request-id` or `authorization: Bearer <token>`.
    /// - Throws: ``RPCError``: the server's status when it is not OK; UNAVAILABLE when no replica
    ///   can be reached or the connection drops (after the one retry described above);
    ///   DEADLINE_EXCEEDED when the timeout passes; CANCELLED when the calling task is cancelled
    ///   (both also send a CANCEL frame); RESOURCE_EXHAUSTED when the request frame exceeds
    ///   `maxFrameBytes` (nothing is sent); INTERNAL when the reply does not decode as `Response`.
    package func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: RPCMethod<Request, Response>,
        _ request: Request,
        timeout: Duration? = nil,
        metadata: [MetadataEntry] = []
    ) async throws -> Response {
        try await call(method, request, timeout: timeout, metadata: metadata, preferring: nil)
    }

    /// ``call(_:_:timeout:metadata:)`` that tries first the replicas `preferring` accepts, when any
    /// of them is up (e.g. those known to have reached a read's `min_position`); the others are
    /// still tried after them.
    package func call<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: RPCMethod<Request, Response>,
        _ request: Request,
        timeout: Duration?,
        metadata: [MetadataEntry],
        preferring: (@Sendable (Endpoint) -> Bool)?
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await callReplicas(method, request, timeout: timeout, metadata: metadata, preferring: preferring)
            metrics.record(method: method.fullName, code: .ok, durationNanoseconds: Self.nanoseconds(since: start))
            return response
        } catch {
            metrics.record(method: method.fullName, code: error.code, durationNanoseconds: Self.nanoseconds(since: start))
            throw error
        }
    }

    /// Asks every replica Health/Check now (after looking DNS names up again) and records the
    /// answers; the background task calls this every `healthCheckInterval`.
    func checkReplicas() async {
        let current = await ReplicaResolver.resolve(endpoints)
        let removed = replicas.withLock { state -> [SharedConnection] in
            guard !state.isClosed else { return [] }
            return state.board.replace(with: current).compactMap { state.connections.removeValue(forKey: $0) }
        }
        for connection in removed { await connection.close() }
        let timeout = configuration.healthCheckTimeout
        await withTaskGroup(of: Void.self) { group in
            for replica in current {
                group.addTask {
                    let health: ReplicaHealth
                    do {
                        let reply = try await self.exchange(on: replica, Methods.Health.check.fullName, HealthCheckRequest(),
                                                            as: HealthCheckResponse.self, timeout: timeout, metadata: [])
                        health = reply.status == .serving ? .serving : .down
                    } catch {
                        health = .down
                    }
                    self.replicas.withLock { $0.board.mark(replica, health) }
                }
            }
        }
    }

    /// Stops the health checks and closes every connection; calls in flight fail with
    /// UNAVAILABLE and later calls too.
    package func close() async {
        watcher.withLock { $0?.cancel() }
        let connections = replicas.withLock { state in
            state.isClosed = true
            return Array(state.connections.values)
        }
        for connection in connections { await connection.close() }
    }

    private func callReplicas<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: RPCMethod<Request, Response>, _ request: Request, timeout: Duration?, metadata: [MetadataEntry],
        preferring: (@Sendable (Endpoint) -> Bool)?
    ) async throws(RPCError) -> Response {
        var tried: Set<Endpoint> = []
        var lastError: RPCError?
        let preferred = preferring ?? { _ in true }
        while true {
            guard let replica = replicas.withLock({ $0.board.next(excluding: tried, preferring: preferred) }) else {
                throw lastError ?? RPCError(.unavailable, "no replica of \(endpoints.map(\.description).joined(separator: ",")) is left to try")
            }
            tried.insert(replica)
            do {
                let response = try await exchange(on: replica, method.fullName, request, as: Response.self,
                                                  timeout: timeout, metadata: metadata)
                return response
            } catch let failure {
                lastError = failure.error
                // A replica that is only behind the requested position answered: it is up, and
                // stays in rotation for every other call.
                if failure.error.isReplicaBehind {
                    replicas.withLock { $0.board.mark(replica, .serving) }
                } else if failure.error.code == .unavailable {
                    replicas.withLock { $0.board.mark(replica, .down) }
                }
                // One retry after a failure: a second replica failing the same way says the service
                // is down. A replica behind says nothing about the others: each is asked once.
                guard tried.count == 1 || failure.error.isReplicaBehind, failure.allowsRetry(readOnly: method.isReadOnly),
                      replicas.withLock({ $0.board.endpoints.count }) > 1 else { throw failure.error }
            }
        }
    }

    private func exchange<Request: ProtoMessage, Response: ProtoMessage>(
        on replica: Endpoint, _ method: String, _ request: Request, as responseType: Response.Type,
        timeout: Duration?, metadata: [MetadataEntry]
    ) async throws(ReplicaCallFailure) -> Response {
        let timeout = timeout ?? configuration.defaultTimeout
        let callID = lastCallID.wrappingAdd(1, ordering: .relaxed).newValue
        let envelope = RPCEnvelope(callID: callID, kind: .request, method: method,
                                   timeoutMicros: timeout.map(Self.microseconds) ?? 0,
                                   metadata: metadata, payload: request.serializedBytes())
        let body = envelope.serializedBytes()
        guard body.count <= configuration.maxFrameBytes else {
            throw ReplicaCallFailure(error: RPCError(.resourceExhausted, "request frame of \(body.count) bytes exceeds the \(configuration.maxFrameBytes)-byte limit"),
                                     requestSent: false)
        }
        let reply = try await send(to: replica, callID: callID, body: body, timeout: timeout)
        if let status = reply.status, status.code != StatusCode.ok.rawValue {
            throw ReplicaCallFailure(error: RPCError(StatusCode(rawValue: status.code), status.message, reason: status.reason),
                                     requestSent: true)
        }
        do {
            return try Response(serializedBytes: reply.payload)
        } catch {
            throw ReplicaCallFailure(error: RPCError(.internalError, "reply payload of \(reply.payload.count) bytes is not a valid \(Response.protoName)", cause: error),
                                     requestSent: true)
        }
    }

    /// The shared connection of `replica`, created on first use.
    private func connection(to replica: Endpoint) throws(RPCError) -> SharedConnection {
        let connection: SharedConnection? = replicas.withLock { state in
            guard !state.isClosed else { return nil }
            if let existing = state.connections[replica] { return existing }
            let created = SharedConnection(endpoint: replica, maxFrameBytes: configuration.maxFrameBytes,
                                           connectTimeout: configuration.connectTimeout, eventLoopGroup: eventLoopGroup)
            state.connections[replica] = created
            return created
        }
        guard let connection else { throw RPCError(.unavailable, "the client of \(replica) is closed") }
        return connection
    }

    private func send(to replica: Endpoint, callID: UInt64, body: [UInt8], timeout: Duration?) async throws(ReplicaCallFailure) -> RPCEnvelope {
        guard !Task.isCancelled else { throw ReplicaCallFailure(error: RPCError(.cancelled, "the caller was cancelled"), requestSent: false) }
        let channel: any Channel
        do {
            channel = try await connection(to: replica).channel()
        } catch {
            throw ReplicaCallFailure(error: error, requestSent: false)
        }
        let reply = channel.eventLoop.makePromise(of: RPCEnvelope.self)
        let frame = FrameEncoding.frame(body: body, allocator: channel.allocator)
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { error in
            reply.fail(RPCError(.unavailable, "cannot send to \(replica): \(error)", cause: error))
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
            throw ReplicaCallFailure(error: error, requestSent: true)
        } catch {
            throw ReplicaCallFailure(error: RPCError(.unavailable, "call to \(replica) failed: \(error)", cause: error), requestSent: true)
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

/// A failed attempt on one replica, with whether the request left this process: a request never
/// sent (the connection could not be made) may go to another replica even when it writes.
struct ReplicaCallFailure: Error {
    let error: RPCError
    let requestSent: Bool

    /// Whether the call may be sent again to another replica: only after UNAVAILABLE (the replica
    /// is gone or going), and for a write only when this replica never saw the request.
    func allowsRetry(readOnly: Bool) -> Bool {
        error.code == .unavailable && (readOnly || !requestSent)
    }
}
