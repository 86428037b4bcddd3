import ServiceKit
import Logging
import Wire

/// A backend service's resolved configuration.
public struct BackendConfiguration: Sendable {
    public var endpoints: [Endpoint]
    public var databaseURL: String
    public var writeToken: String?
    public var maxFrameBytes: Int
    public var databasePoolSize: Int
    public var drainTimeout: Duration
    public var logLevel: Logger.Level

    public init(endpoints: [Endpoint], databaseURL: String, writeToken: String?, maxFrameBytes: Int,
                databasePoolSize: Int, drainTimeout: Duration, logLevel: Logger.Level) {
        self.endpoints = endpoints
        self.databaseURL = databaseURL
        self.writeToken = writeToken
        self.maxFrameBytes = maxFrameBytes
        self.databasePoolSize = databasePoolSize
        self.drainTimeout = drainTimeout
        self.logLevel = logLevel
    }
}
