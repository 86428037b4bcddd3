import NIOCore

/// One connection a server accepted, as its ``ServerStateMachine`` hands it back to be drained
/// or closed. The handler is usable on the connection's event loop only.
struct AcceptedConnection: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<ServerConnectionHandler>

    var id: ObjectIdentifier { ObjectIdentifier(channel) }

    /// Calls in flight finish, new calls are refused, then the connection closes.
    func beginDrain() {
        channel.eventLoop.execute { handler.value.beginDrain() }
    }

    /// Closes now; the calls in flight are cancelled.
    func close() {
        channel.eventLoop.execute { channel.close(promise: nil) }
    }
}
