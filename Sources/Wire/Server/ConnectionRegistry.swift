import NIOCore
import Synchronization

/// The open connections of a server, so that shutdown can drain or close them.
final class ConnectionRegistry: Sendable {
    /// One accepted connection and its handler (usable on the connection's event loop only).
    struct Connection: Sendable {
        let channel: any Channel
        let handler: NIOLoopBound<ServerConnectionHandler>

        func beginDrain() {
            channel.eventLoop.execute { handler.value.beginDrain() }
        }
    }

    private struct State {
        var connections: [ObjectIdentifier: Connection] = [:]
        var isDraining = false
    }

    private let state = Mutex(State())

    /// Adds a connection and forgets it when it closes. A connection accepted after draining
    /// began is told to drain at once.
    func register(_ connection: Connection) {
        let id = ObjectIdentifier(connection.channel)
        let isDraining = state.withLock { state in
            state.connections[id] = connection
            return state.isDraining
        }
        connection.channel.closeFuture.whenComplete { _ in
            _ = self.state.withLock { $0.connections.removeValue(forKey: id) }
        }
        if isDraining { connection.beginDrain() }
    }

    /// Asks every connection to finish its calls and close; closes the ones still open after
    /// `timeout`. Returns when all are closed.
    func drain(within timeout: Duration) async {
        let connections = state.withLock { state in
            state.isDraining = true
            return Array(state.connections.values)
        }
        guard let eventLoop = connections.first?.channel.eventLoop else { return }
        for connection in connections { connection.beginDrain() }
        let forceClose = eventLoop.scheduleTask(in: TimeAmount(timeout)) { self.closeAll() }
        try? await EventLoopFuture.andAllComplete(connections.map { $0.channel.closeFuture }, on: eventLoop).get()
        forceClose.cancel()
    }

    /// Closes every connection now; their calls in flight are cancelled.
    func closeAll() {
        let connections = state.withLock { state in
            state.isDraining = true
            return Array(state.connections.values)
        }
        for connection in connections { connection.channel.close(promise: nil) }
    }
}
