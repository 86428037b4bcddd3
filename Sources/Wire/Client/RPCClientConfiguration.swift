/// How an ``RPCClient`` connects and calls.
public struct RPCClientConfiguration: Sendable {
    /// The largest frame body (serialized envelope) sent or accepted, in bytes. A request over it
    /// fails locally with RESOURCE_EXHAUSTED and nothing is sent.
    public var maxFrameBytes: Int
    /// How long connecting may take before calls fail with UNAVAILABLE.
    public var connectTimeout: Duration
    /// The timeout of calls that pass none; nil means no deadline.
    public var defaultTimeout: Duration?

    public init(maxFrameBytes: Int = 4 << 20, connectTimeout: Duration = .seconds(5), defaultTimeout: Duration? = nil) {
        self.maxFrameBytes = maxFrameBytes
        self.connectTimeout = connectTimeout
        self.defaultTimeout = defaultTimeout
    }
}
