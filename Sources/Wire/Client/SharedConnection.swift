import NIOCore
import NIOPosix
import Synchronization

/// The one connection an ``RPCClient`` shares between its calls to a replica: the I/O around a
/// ``SharedConnectionStateMachine`` (connecting, closing, resuming the calls that wait).
final class SharedConnection: Sendable {
    typealias StateMachine = SharedConnectionStateMachine<any Channel, CheckedContinuation<any Channel, any Error>>

    private let endpoint: Endpoint
    private let maxFrameBytes: Int
    private let connectTimeout: Duration
    private let eventLoopGroup: any EventLoopGroup
    private let machine: Mutex<StateMachine>

    init(endpoint: Endpoint, maxFrameBytes: Int, connectTimeout: Duration, eventLoopGroup: any EventLoopGroup) {
        self.endpoint = endpoint
        self.maxFrameBytes = maxFrameBytes
        self.connectTimeout = connectTimeout
        self.eventLoopGroup = eventLoopGroup
        self.machine = Mutex(StateMachine(endpoint: endpoint))
    }

    /// Closes the connection; later ``channel()`` calls fail with UNAVAILABLE.
    func close() async {
        let action = machine.withLock { $0.closeRequested() }
        if case .closeChannel(let channel) = action {
            try? await channel.close()
        } else {
            perform(action)
        }
    }

    /// Closes without waiting (for `deinit`).
    func closeNow() {
        perform(machine.withLock { $0.closeRequested() })
    }

    /// The shared connection, opening it if there is none.
    func channel() async throws(RPCError) -> any Channel {
        let open = machine.withLock { machine in
            Self.forgetIfInactive(&machine)
            return machine.connected?.channel
        }
        if let open { return open }
        do {
            return try await withCheckedThrowingContinuation { waiter in
                perform(machine.withLock { machine in
                    Self.forgetIfInactive(&machine)
                    return machine.channelRequested(waiter)
                })
            }
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.unavailable, "cannot connect to \(endpoint): \(error)", cause: error)
        }
    }

    /// A connection that closed before its close callback ran counts as closed already, so a call
    /// opens a new one instead of failing on this one.
    private static func forgetIfInactive(_ machine: inout StateMachine) {
        if let open = machine.connected, !open.channel.isActive {
            _ = machine.channelClosed(attempt: open.attempt)
        }
    }

    private func perform(_ action: StateMachine.Action) {
        switch action {
        case .none:
            break
        case .connect(let attempt):
            connect(attempt: attempt)
        case .succeedWaiters(let waiters, let channel):
            for waiter in waiters { waiter.resume(returning: channel) }
        case .failWaiters(let waiters, let error):
            for waiter in waiters { waiter.resume(throwing: error) }
        case .closeChannel(let channel):
            channel.close(promise: nil)
        }
    }

    private func connect(attempt: UInt64) {
        let endpoint = self.endpoint
        let maxFrameBytes = self.maxFrameBytes
        let bootstrap = ClientBootstrap(group: eventLoopGroup.next())
            .connectTimeout(TimeAmount(connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(FrameDecoder(maxFrameBytes: maxFrameBytes)))
                    try channel.pipeline.syncOperations.addHandler(ClientConnectionHandler(endpoint: endpoint))
                }
            }
        let connected: EventLoopFuture<any Channel> = switch endpoint {
        case .unix(let path):
            bootstrap.connect(unixDomainSocketPath: path)
        case .tcp(let host, let port):
            bootstrap.channelOption(.tcpOption(.tcp_nodelay), value: 1).connect(host: host, port: port)
        }
        connected.whenComplete { result in
            switch result {
            case .success(let channel):
                self.perform(self.machine.withLock { $0.connectSucceeded(attempt: attempt, channel) })
                channel.closeFuture.whenComplete { _ in
                    self.perform(self.machine.withLock { $0.channelClosed(attempt: attempt) })
                }
            case .failure(let error):
                self.perform(self.machine.withLock { $0.connectFailed(attempt: attempt, error) })
            }
        }
    }
}
