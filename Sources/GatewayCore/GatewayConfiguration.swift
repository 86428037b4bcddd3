import Logging
import Wire

/// The gateway's resolved configuration.
package struct GatewayConfiguration: Sendable {
    var httpHost: String
    var httpPort: Int
    /// Each service's replicas (one or more addresses; a DNS name may stand for several).
    package var ingest: [Endpoint]
    package var heatmap: [Endpoint]
    package var predict: [Endpoint]
    var callTimeout: Duration
    var maxFrameBytes: Int
    package var logLevel: Logger.Level
    /// Folder of Debian's `libjs-*` packages (`leaflet/`, `chart.js/`), served at `/static/vendor/`.
    var vendorJSDirectory: String = "/usr/share/javascript"
    /// Optional map tile URL template (`https://…/{z}/{x}/{y}.png`); none means outlines only.
    var tileURL: String? = nil
    /// Origins allowed to call the API cross-site (`*` for any); empty: no CORS headers.
    var corsOrigins: [String] = []
    /// CSP `frame-ancestors` sources of the `/embed/…` pages (`*`: any site may frame them); the
    /// other pages are never framed.
    var embedFrameAncestors: String = "*"
}
