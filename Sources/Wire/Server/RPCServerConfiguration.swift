/// How an ``RPCServer`` listens.
package struct RPCServerConfiguration: Sendable {
    /// Where to listen; every endpoint serves the same router.
    package var endpoints: [Endpoint]
    /// The largest frame body (serialized envelope) accepted, in bytes. A bigger frame is
    /// answered with RESOURCE_EXHAUSTED on call id 0 and its connection is closed.
    package var maxFrameBytes: Int
    /// How long a graceful shutdown waits for calls in flight before closing connections anyway.
    package var drainTimeout: Duration
    /// File mode of Unix socket files, set right after binding.
    package var unixSocketMode: UInt16

    package init(endpoints: [Endpoint], maxFrameBytes: Int = 4 << 20, drainTimeout: Duration = .seconds(10),
                unixSocketMode: UInt16 = 0o600) {
        self.endpoints = endpoints
        self.maxFrameBytes = maxFrameBytes
        self.drainTimeout = drainTimeout
        self.unixSocketMode = unixSocketMode
    }
}
