import ServiceKit
import Logging
import Wire

/// A backend service's resolved configuration.
public struct BackendConfiguration: Sendable {
    public var endpoints: [Endpoint]
    public var databaseURL: String
    /// Where read-only work connects (listings, training rows, index loads): in an HA deployment
    /// a URL with `target_session_attrs=prefer-standby`, so reads land on a standby when one is up.
    /// The same as ``databaseURL`` unless set.
    public var databaseReadURL: String
    public var writeToken: String?
    public var maxFrameBytes: Int
    public var databasePoolSize: Int
    public var drainTimeout: Duration
    public var logLevel: Logger.Level

    public init(endpoints: [Endpoint], databaseURL: String, writeToken: String?, maxFrameBytes: Int,
                databasePoolSize: Int, drainTimeout: Duration, logLevel: Logger.Level, databaseReadURL: String? = nil) {
        self.endpoints = endpoints
        self.databaseURL = databaseURL
        self.databaseReadURL = databaseReadURL ?? databaseURL
        self.writeToken = writeToken
        self.maxFrameBytes = maxFrameBytes
        self.databasePoolSize = databasePoolSize
        self.drainTimeout = drainTimeout
        self.logLevel = logLevel
    }
}
