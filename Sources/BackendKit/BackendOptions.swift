import ServiceKit
import ArgumentParser

/// The command-line options every backend service (`ingest`, `heatmap`, `predict`) takes.
/// Each has an environment fallback named by ``SettingKey`` (`--listen` → `CRIMESCOPE_LISTEN`).
package struct BackendOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Where to listen: unix:///path/to.sock or tcp://host:port; repeatable (env CRIMESCOPE_LISTEN, comma-separated).")
    var listen: [String] = []

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL or conninfo (env CRIMESCOPE_DATABASE_URL).")
    package var databaseURL: String?

    @Option(name: .customLong("database-read-url"), help: "PostgreSQL URL for read-only work (ingest: incident listings and training rows; heatmap: a follower's area polygons; predict: unused), e.g. a multi-host URL with target_session_attrs=prefer-standby (env CRIMESCOPE_DATABASE_READ_URL; default: the --database-url).")
    package var databaseReadURL: String?

    @Option(name: .customLong("write-token"), help: "Secret that write calls must present as 'authorization: Bearer <token>' (env CRIMESCOPE_WRITE_TOKEN). Without it, writes are refused.")
    package var writeToken: String?

    @Option(name: .customLong("max-frame-bytes"), help: "Largest RPC frame accepted or sent (env CRIMESCOPE_MAX_FRAME_BYTES; default 4194304).")
    package var maxFrameBytes: Int?

    @Option(name: .customLong("database-pool-size"), help: "PostgreSQL connections (env CRIMESCOPE_DATABASE_POOL_SIZE; default 4).")
    package var databasePoolSize: Int?

    @Option(name: .customLong("drain-seconds"), help: "Longest wait for in-flight calls at shutdown (env CRIMESCOPE_DRAIN_SECONDS; default 10).")
    var drainSeconds: Int?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (env CRIMESCOPE_LOG_LEVEL; default info).")
    package var logLevel: String?

    package init() {}

    /// Resolves flags, then environment, then defaults.
    package func resolve(environment: [String: String]) throws(ConfigurationError) -> BackendConfiguration {
        let listenKey = SettingKey("listen")
        var listenValues = listen
        if listenValues.isEmpty, let fromEnvironment = listenKey.resolve(flag: nil, environment: environment) {
            listenValues = fromEnvironment.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        }
        guard !listenValues.isEmpty else { throw .missing(listenKey) }
        let endpoints = try listenValues.map { (value: String) throws(ConfigurationError) -> EndpointSetting in
            try EndpointSetting.parse(value, key: listenKey)
        }
        let frameKey = SettingKey("max-frame-bytes")
        let maxFrameBytes = try frameKey.integer(flag: maxFrameBytes, environment: environment, default: 4 << 20)
        guard maxFrameBytes >= 1024 else { throw .invalid(frameKey, value: String(maxFrameBytes), reason: "must be at least 1024") }
        let poolKey = SettingKey("database-pool-size")
        let poolSize = try poolKey.integer(flag: databasePoolSize, environment: environment, default: 4)
        guard (1...64).contains(poolSize) else { throw .invalid(poolKey, value: String(poolSize), reason: "must be 1-64") }
        let drainKey = SettingKey("drain-seconds")
        let drain = try drainKey.integer(flag: drainSeconds, environment: environment, default: 10)
        guard drain >= 0 else { throw .invalid(drainKey, value: String(drain), reason: "must not be negative") }
        let level = try SettingKey("log-level").logLevel(flag: logLevel, environment: environment)
        let writeURL = try SettingKey("database-url").require(flag: databaseURL, environment: environment)
        let readURL = SettingKey("database-read-url").resolve(flag: databaseReadURL, environment: environment)
        return BackendConfiguration(
            endpoints: endpoints.map(\.endpoint),
            databaseURL: writeURL,
            writeToken: SettingKey("write-token").resolve(flag: writeToken, environment: environment),
            maxFrameBytes: maxFrameBytes,
            databasePoolSize: poolSize,
            drainTimeout: .seconds(drain),
            logLevel: level,
            databaseReadURL: readURL.flatMap { $0.isEmpty ? nil : $0 }
        )
    }
}
