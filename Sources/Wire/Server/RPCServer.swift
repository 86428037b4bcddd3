import Logging
import Metrics
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves an ``RPCRouter`` on Unix sockets and TCP, as a ServiceLifecycle `Service`.
///
/// ```swift
/// let server = RPCServer(configuration: .init(endpoints: [.unix(path: "/run/crimescope/heatmap.sock")]),
///                        router: router, logger: logger)
/// try await ServiceGroup(services: [server], gracefulShutdownSignals: [.sigterm], logger: logger).run()
/// ```
///
/// `run()` binds every endpoint and serves until graceful shutdown (stop accepting, finish calls
/// in flight, refuse new calls on open connections with UNAVAILABLE, close connections; at most
/// `drainTimeout`) or until its task is cancelled (close everything, cancel handlers). Either way
/// it returns without error. A server runs once.
///
/// What happens when is decided by a ``ServerStateMachine`` (tested without sockets); this class
/// feeds it the events (bound, accepted, closed, shutdown, cancellation, the drain timer) and
/// performs the actions it returns, outside its lock.
package final class RPCServer: Service, Sendable {
    typealias StateMachine = ServerStateMachine<ObjectIdentifier, AcceptedConnection,
                                                CheckedContinuation<[Endpoint], any Error>, CheckedContinuation<Void, Never>>
    private typealias Listener = (channel: any Channel, endpoint: Endpoint)

    /// The state machine and the I/O objects its actions act on.
    private struct Shell {
        var machine = StateMachine()
        var listeners: [Listener] = []
        var drainTimer: Scheduled<Void>?
    }

    private let configuration: RPCServerConfiguration
    private let router: RPCRouter
    private let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    private let metrics: CallMetrics
    private let shell = Mutex(Shell())

    /// A server for `router` on `configuration.endpoints`; nothing is bound until ``run()``.
    package convenience init(configuration: RPCServerConfiguration, router: RPCRouter, logger: Logger,
                            eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.init(configuration: configuration, router: router, logger: logger, eventLoopGroup: eventLoopGroup, metricsFactory: nil)
    }

    /// As the public initializer, with the metrics going to `metricsFactory` instead of the
    /// global `MetricsSystem` (for tests).
    init(configuration: RPCServerConfiguration, router: RPCRouter, logger: Logger,
         eventLoopGroup: any EventLoopGroup, metricsFactory: (any MetricsFactory)?) {
        self.configuration = configuration
        self.router = router
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.metrics = CallMetrics(side: "server", factory: metricsFactory)
    }

    /// The endpoints being served, once `run()` has bound them; TCP port 0 is replaced by the
    /// port the system chose. Throws the bind error if binding failed, UNAVAILABLE once stopped.
    package func boundEndpoints() async throws -> [Endpoint] {
        try await withCheckedThrowingContinuation { waiter in
            handle { $0.endpointsRequested(waiter) }
        }
    }

    /// Binds all endpoints and serves until graceful shutdown or cancellation.
    ///
    /// - Throws: when an endpoint cannot be bound, or when `run()` was called before.
    package func run() async throws {
        if case .refuseRun(let error) = shell.withLock({ $0.machine.runStarted() }) { throw error }
        var listeners: [Listener] = []
        do {
            for endpoint in configuration.endpoints {
                listeners.append(try await bind(endpoint))
            }
        } catch {
            for listener in listeners { try? await listener.channel.close() }
            Self.removeSocketFiles(listeners)
            logger.error("cannot bind", metadata: ["error": "\(error)"])
            handle { $0.bindFailed(error) }
            throw error
        }
        let endpoints = listeners.map(\.endpoint)
        perform(shell.withLock { shell in
            shell.listeners = listeners
            return shell.machine.bindSucceeded(endpoints)
        })
        logger.info("serving", metadata: ["endpoints": "\(endpoints.map(\.description))", "methods": "\(router.methods.count)"])

        // Both handlers only feed the state machine; run() returns once it says everything is closed.
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withCheckedContinuation { waiter in handle { $0.runWaiting(waiter) } }
            } onCancel: {
                self.handle { $0.stopRequested(.immediate) }
            }
        } onGracefulShutdown: {
            self.handle { $0.stopRequested(.graceful) }
        }
        logger.info("stopped")
    }

    // MARK: The state machine's events and actions

    private func handle(_ event: (inout StateMachine) -> StateMachine.Action) {
        perform(shell.withLock { event(&$0.machine) })
    }

    private func perform(_ action: StateMachine.Action) {
        switch action {
        case .none, .bind, .refuseRun:
            break
        case .succeedEndpointsWaiters(let waiters, let endpoints):
            for waiter in waiters { waiter.resume(returning: endpoints) }
        case .failEndpointsWaiters(let waiters, let error):
            for waiter in waiters { waiter.resume(throwing: error) }
        case .failBinding(let waiters, let error, let connections):
            for waiter in waiters { waiter.resume(throwing: error) }
            for connection in connections { connection.close() }
        case .stopListeningAndDrain(let connections):
            closeListeners()
            for connection in connections { connection.beginDrain() }
            startDrainTimer()
            logger.info("stopping", metadata: ["mode": "graceful", "connections": "\(connections.count)"])
        case .stopListeningAndClose(let connections):
            closeListeners()
            for connection in connections { connection.close() }
            logger.info("stopping", metadata: ["mode": "immediate", "connections": "\(connections.count)"])
        case .drainConnections(let connections):
            for connection in connections { connection.beginDrain() }
        case .closeConnections(let connections):
            for connection in connections { connection.close() }
        case .finish(let waiter):
            shell.withLock { $0.drainTimer.take() }?.cancel()
            waiter?.resume()
        case .resumeRunWaiter(let waiter):
            waiter.resume()
        }
    }

    /// Closes the listening sockets, removes Unix socket files, then reports it.
    private func closeListeners() {
        let listeners = shell.withLock { $0.listeners }
        let closed = listeners.map { $0.channel.close() }
        EventLoopFuture.andAllComplete(closed, on: eventLoopGroup.next()).whenComplete { _ in
            Self.removeSocketFiles(listeners)
            self.logger.debug("stopped listening")
            self.handle { $0.listenersClosed() }
        }
    }

    private func startDrainTimer() {
        let timer = eventLoopGroup.next().scheduleTask(in: TimeAmount(configuration.drainTimeout)) {
            self.handle { $0.drainTimerFired() }
        }
        let finished = shell.withLock { shell -> Bool in
            if case .stopped = shell.machine.state { return true }
            shell.drainTimer = timer
            return false
        }
        if finished { timer.cancel() }
    }

    private func bind(_ endpoint: Endpoint) async throws -> (channel: any Channel, endpoint: Endpoint) {
        let bootstrap = ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture { try self.initialize(channel) }
            }
        switch endpoint {
        case .unix(let path):
            let channel = try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).get()
            guard chmod(path, mode_t(configuration.unixSocketMode)) == 0 else {
                let code = errno
                try? await channel.close()
                throw RPCError(.internalError, "cannot chmod \(path): errno \(code)")
            }
            return (channel, endpoint)
        case .tcp(let host, let port):
            let channel = try await bootstrap
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .bind(host: host, port: port).get()
            return (channel, .tcp(host: host, port: channel.localAddress?.port ?? port))
        }
    }

    private func initialize(_ channel: any Channel) throws {
        let handler = ServerConnectionHandler(router: router, metrics: metrics, logger: logger)
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameBytes: configuration.maxFrameBytes)))
        try channel.pipeline.syncOperations.addHandler(handler)
        let connection = AcceptedConnection(channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop))
        handle { $0.connectionAccepted(connection.id, connection) }
        channel.closeFuture.whenComplete { _ in self.handle { $0.connectionClosed(connection.id) } }
    }

    private static func removeSocketFiles(_ listeners: [Listener]) {
        for listener in listeners {
            if case .unix(let path) = listener.endpoint { unlink(path) }
        }
    }
}
