import NIOCore
import NIOPosix
import Synchronization

/// The one connection an ``RPCClient`` shares between its calls: opened on first use, forgotten
/// when it closes, and opened again by the next call.
final class SharedConnection: Sendable {
    private enum State {
        case idle
        case connecting(EventLoopFuture<any Channel>)
        case connected(any Channel)
        case closed
    }

    private let endpoint: Endpoint
    private let maxFrameBytes: Int
    private let connectTimeout: Duration
    private let eventLoopGroup: any EventLoopGroup
    private let state = Mutex(State.idle)

    init(endpoint: Endpoint, maxFrameBytes: Int, connectTimeout: Duration, eventLoopGroup: any EventLoopGroup) {
        self.endpoint = endpoint
        self.maxFrameBytes = maxFrameBytes
        self.connectTimeout = connectTimeout
        self.eventLoopGroup = eventLoopGroup
    }

    /// Closes the connection; later ``channel()`` calls fail with UNAVAILABLE.
    func close() async {
        let previous = state.withLock { state in
            defer { state = .closed }
            return state
        }
        switch previous {
        case .connected(let channel):
            try? await channel.close()
        case .connecting(let future):
            if let channel = try? await future.get() { try? await channel.close() }
        case .idle, .closed:
            break
        }
    }

    /// Closes without waiting (for `deinit`).
    func closeNow() {
        let previous = state.withLock { state in
            defer { state = .closed }
            return state
        }
        if case .connected(let channel) = previous { channel.close(promise: nil) }
    }

    /// The shared connection, opening it if there is none.
    func channel() async throws(RPCError) -> any Channel {
        enum Next {
            case use(any Channel)
            case wait(EventLoopFuture<any Channel>)
            case connect(EventLoopPromise<any Channel>)
            case closed
        }
        let next: Next = state.withLock { state in
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
            self.state.withLock { state in
                guard case .connecting(let future) = state, future == promise.futureResult else { return }
                switch result {
                case .success(let channel): state = .connected(channel)
                case .failure: state = .idle
                }
            }
            if case .success(let channel) = result {
                channel.closeFuture.whenComplete { _ in self.forget(channel) }
                // close() may have run while connecting.
                if case .closed = self.state.withLock({ $0 }) { channel.close(promise: nil) }
            }
        }
        let endpoint = self.endpoint
        let maxFrameBytes = self.maxFrameBytes
        let bootstrap = ClientBootstrap(group: promise.futureResult.eventLoop)
            .connectTimeout(TimeAmount(connectTimeout))
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
            bootstrap.channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port).cascade(to: promise)
        }
    }

    private func forget(_ channel: any Channel) {
        state.withLock { state in
            if case .connected(let current) = state, current === channel { state = .idle }
        }
    }
}
