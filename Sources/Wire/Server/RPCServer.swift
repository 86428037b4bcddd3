import Logging
import Metrics
import NIOCore
import NIOPosix
import ServiceLifecycle
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
/// it returns without error.
public final class RPCServer: Service, Sendable {
    private let configuration: RPCServerConfiguration
    private let router: RPCRouter
    private let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    private let metrics: CallMetrics
    private let connections = ConnectionRegistry()
    private let lifecycle = ServerLifecycle()

    /// A server for `router` on `configuration.endpoints`; nothing is bound until ``run()``.
    public convenience init(configuration: RPCServerConfiguration, router: RPCRouter, logger: Logger,
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
    public func boundEndpoints() async throws -> [Endpoint] {
        try await lifecycle.boundEndpoints()
    }

    /// Binds all endpoints and serves until graceful shutdown or cancellation.
    ///
    /// - Throws: only when an endpoint cannot be bound.
    public func run() async throws {
        var listeners: [(channel: any Channel, endpoint: Endpoint)] = []
        do {
            for endpoint in configuration.endpoints {
                listeners.append(try await bind(endpoint))
            }
        } catch {
            await close(listeners)
            logger.error("cannot bind", metadata: ["error": "\(error)"])
            lifecycle.markFailed(error)
            throw error
        }
        let endpoints = listeners.map(\.endpoint)
        lifecycle.markListening(endpoints)
        logger.info("serving", metadata: ["endpoints": "\(endpoints.map(\.description))", "methods": "\(router.methods.count)"])

        let lifecycle = self.lifecycle
        let stop = await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await lifecycle.waitForStopRequest()
            } onCancel: {
                lifecycle.requestStop(.immediate)
            }
        } onGracefulShutdown: {
            lifecycle.requestStop(.graceful)
        }

        logger.info("stopping", metadata: ["mode": "\(stop)"])
        await close(listeners)
        let connections = self.connections
        let drainTimeout = stop == .graceful ? configuration.drainTimeout : .zero
        await withTaskCancellationHandler {
            await connections.drain(within: drainTimeout)
        } onCancel: {
            connections.closeAll()
        }
        lifecycle.markFinished()
        logger.info("stopped")
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
        connections.register(.init(channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop)))
    }

    /// Closes listening sockets and removes Unix socket files.
    private func close(_ listeners: [(channel: any Channel, endpoint: Endpoint)]) async {
        for listener in listeners {
            try? await listener.channel.close()
            if case .unix(let path) = listener.endpoint { unlink(path) }
        }
    }
}
