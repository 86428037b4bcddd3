import ArgumentParser
import Foundation
import ServiceKit

/// The gateway's command-line options, each with a `CRIMESCOPE_*` environment fallback.
package struct GatewayOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("http-host"), help: "HTTP listen address (env CRIMESCOPE_HTTP_HOST; default 127.0.0.1).")
    var httpHost: String?

    @Option(name: .customLong("http-port"), help: "HTTP port (env CRIMESCOPE_HTTP_PORT; default 8080; 0 picks a free one).")
    var httpPort: Int?

    @Option(name: .customLong("ingest-endpoint"), help: "Ingest service: unix:///path.sock or tcp://host:port; several replicas comma-separated (env CRIMESCOPE_INGEST_ENDPOINT).")
    var ingestEndpoint: String?

    @OptionGroup package var heatmap: HeatmapEndpointOptions

    @Option(name: .customLong("predict-endpoint"), help: "Predict service address; several replicas comma-separated (env CRIMESCOPE_PREDICT_ENDPOINT).")
    var predictEndpoint: String?

    @Option(name: .customLong("call-timeout-ms"), help: "Deadline of each backend call (env CRIMESCOPE_CALL_TIMEOUT_MS; default 5000).")
    var callTimeoutMilliseconds: Int?

    @Option(name: .customLong("max-frame-bytes"), help: "Largest RPC frame (env CRIMESCOPE_MAX_FRAME_BYTES; default 4194304).")
    var maxFrameBytes: Int?

    @Option(name: .customLong("log-level"), help: "Log level (env CRIMESCOPE_LOG_LEVEL; default info).")
    package var logLevel: String?

    @Option(name: .customLong("vendor-js-dir"), help: "Folder with Debian's leaflet/ and chart.js/ (env CRIMESCOPE_VENDOR_JS_DIR; default /usr/share/javascript).")
    var vendorJSDirectory: String?

    @Option(name: .customLong("tile-url"), help: "Map tile URL template, e.g. https://tile.example/{z}/{x}/{y}.png (env CRIMESCOPE_TILE_URL; default none: outlines only).")
    var tileURL: String?

    @Option(name: .customLong("cors-origins"), help: "Browser origins allowed to call the API from other sites, comma-separated, or * (env CRIMESCOPE_CORS_ORIGINS; default none: same origin only).")
    var corsOrigins: String?

    @Option(name: .customLong("embed-frame-ancestors"), help: "Sites that may frame the /embed/… pages: CSP frame-ancestors sources separated by spaces, e.g. 'https://news.example.org' (env CRIMESCOPE_EMBED_FRAME_ANCESTORS; default *).")
    var embedFrameAncestors: String?

    package init() {}

    /// Resolves flags, then environment, then defaults.
    package func resolve(environment: [String: String]) throws(ConfigurationError) -> GatewayConfiguration {
        let portKey = SettingKey("http-port")
        let port = try portKey.integer(flag: httpPort, environment: environment, default: 8080)
        guard (0...65535).contains(port) else { throw .invalid(portKey, value: String(port), reason: "must be 0-65535") }
        let timeoutKey = SettingKey("call-timeout-ms")
        let timeout = try timeoutKey.integer(flag: callTimeoutMilliseconds, environment: environment, default: 5000)
        guard timeout > 0 else { throw .invalid(timeoutKey, value: String(timeout), reason: "must be positive") }
        let level = try SettingKey("log-level").logLevel(flag: logLevel, environment: environment)
        let origins = try Self.origins(SettingKey("cors-origins").resolve(flag: corsOrigins, environment: environment) ?? "")
        return GatewayConfiguration(
            httpHost: SettingKey("http-host").resolve(flag: httpHost, environment: environment) ?? "127.0.0.1",
            httpPort: port,
            ingest: try SettingKey("ingest-endpoint").requireEndpoints(flag: ingestEndpoint, environment: environment),
            heatmap: try heatmap.resolveReplicas(environment: environment),
            predict: try SettingKey("predict-endpoint").requireEndpoints(flag: predictEndpoint, environment: environment),
            callTimeout: .milliseconds(timeout),
            maxFrameBytes: try SettingKey("max-frame-bytes").integer(flag: maxFrameBytes, environment: environment, default: 4 << 20),
            logLevel: level,
            vendorJSDirectory: SettingKey("vendor-js-dir").resolve(flag: vendorJSDirectory, environment: environment) ?? "/usr/share/javascript",
            tileURL: SettingKey("tile-url").resolve(flag: tileURL, environment: environment).flatMap { $0.isEmpty ? nil : $0 },
            corsOrigins: origins,
            embedFrameAncestors: try Self.frameAncestors(
                SettingKey("embed-frame-ancestors").resolve(flag: embedFrameAncestors, environment: environment) ?? "*")
        )
    }

    /// `*`, or origins as a browser sends them: `scheme://host[:port]`, no path, no trailing slash.
    static func origins(_ text: String) throws(ConfigurationError) -> [String] {
        let origins = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for origin in origins where origin != "*" {
            let rest = origin.drop { $0 != ":" }
            guard origin.hasPrefix("http://") || origin.hasPrefix("https://"), rest.count > 3,
                  !rest.dropFirst(3).contains("/"), !origin.contains(" ") else {
                throw .invalid(SettingKey("cors-origins"), value: origin, reason: "must be * or origins like https://news.example.org (scheme, host, optional port; no path)")
            }
        }
        return origins
    }

    /// CSP `frame-ancestors` sources: `*`, `'self'`, `'none'`, or `scheme://host[:port]` (a host may
    /// start with `*.`), separated by spaces; nothing that could end the directive (`;`, `,`).
    static func frameAncestors(_ text: String) throws(ConfigurationError) -> String {
        let sources = text.split(separator: " ").map(String.init)
        guard !sources.isEmpty else {
            throw .invalid(SettingKey("embed-frame-ancestors"), value: text, reason: "must name at least one source, e.g. * or https://news.example.org")
        }
        for source in sources where !["*", "'self'", "'none'"].contains(source) {
            let allowed = source.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || ":/.-*".unicodeScalars.contains($0) }
            guard allowed, source.hasPrefix("http://") || source.hasPrefix("https://"), source.count > 8,
                  !source.dropFirst(8).contains("/") else {
                throw .invalid(SettingKey("embed-frame-ancestors"), value: source,
                               reason: "each source must be *, 'self', 'none' or an origin like https://news.example.org")
            }
        }
        return sources.joined(separator: " ")
    }
}
