import Logging
import Wire

/// The gateway's resolved configuration.
public struct GatewayConfiguration: Sendable {
    public var httpHost: String
    public var httpPort: Int
    /// Each service's replicas (one or more addresses; a DNS name may stand for several).
    public var ingest: [Endpoint]
    public var heatmap: [Endpoint]
    public var predict: [Endpoint]
    public var callTimeout: Duration
    public var maxFrameBytes: Int
    public var logLevel: Logger.Level
    /// Folder of Debian's `libjs-*` packages (`leaflet/`, `chart.js/`), served at `/static/vendor/`.
    public var vendorJSDirectory: String = "/usr/share/javascript"
    /// Optional map tile URL template (`https://…/{z}/{x}/{y}.png`); none means outlines only.
    public var tileURL: String? = nil
    /// Origins allowed to call the API cross-site (`*` for any); empty: no CORS headers.
    public var corsOrigins: [String] = []
    /// CSP `frame-ancestors` sources of the `/embed/…` pages (`*`: any site may frame them); the
    /// other pages are never framed.
    public var embedFrameAncestors: String = "*"
}
