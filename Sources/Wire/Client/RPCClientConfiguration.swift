/// How an ``RPCClient`` connects and calls.
package struct RPCClientConfiguration: Sendable {
    /// The largest frame body (serialized envelope) sent or accepted, in bytes. A request over it
    /// fails locally with RESOURCE_EXHAUSTED and nothing is sent.
    package var maxFrameBytes: Int
    /// How long connecting may take before calls fail with UNAVAILABLE.
    package var connectTimeout: Duration
    /// The timeout of calls that pass none; nil means no deadline.
    package var defaultTimeout: Duration?
    /// How often a client of several replicas (or of a DNS name) asks each one Health/Check and
    /// looks the name up again; nil turns the background checks off (``RPCClient/checkReplicas()``
    /// still works). A client of one literal address never checks in the background.
    package var healthCheckInterval: Duration?
    /// The deadline of each background Health/Check.
    package var healthCheckTimeout: Duration

    package init(maxFrameBytes: Int = 4 << 20, connectTimeout: Duration = .seconds(5), defaultTimeout: Duration? = nil,
                healthCheckInterval: Duration? = .seconds(1), healthCheckTimeout: Duration = .seconds(1)) {
        self.maxFrameBytes = maxFrameBytes
        self.connectTimeout = connectTimeout
        self.defaultTimeout = defaultTimeout
        self.healthCheckInterval = healthCheckInterval
        self.healthCheckTimeout = healthCheckTimeout
    }
}
