import ServiceKit
import Logging
import Wire

/// A backend service's resolved configuration.
package struct BackendConfiguration: Sendable {
    package var endpoints: [Endpoint]
    package var databaseURL: String
    /// Where read-only work connects (ingest's incident listings and training rows, a heatmap
    /// follower's area polygons): in an HA deployment a URL with
    /// `target_session_attrs=prefer-standby`, so reads land on a standby when one is up. The same
    /// as ``databaseURL`` unless set.
    package var databaseReadURL: String
    package var writeToken: String?
    package var maxFrameBytes: Int
    package var databasePoolSize: Int
    package var drainTimeout: Duration
    package var logLevel: Logger.Level

    package init(endpoints: [Endpoint], databaseURL: String, writeToken: String?, maxFrameBytes: Int,
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
