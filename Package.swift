// swift-tools-version:6.2
import PackageDescription

/// CrimeScope: three RPC services (ingest, heatmap, predict) and an HTTP gateway.
///
/// Layers, bottom up:
/// - `CLibPQ`, `CXGBoost`: system libraries; `CrimeScopeProtos`: protoc-c output of `Protos/`.
/// - `Contracts`: the one layer that touches protobuf-c; Swift value types for every message.
/// - `CivilTime`: `LocalDateTime`, the one wall-clock date-time type of every layer (no dependencies).
/// - `Wire`: framing, envelope, status codes, router, client and server over Unix sockets and TCP.
/// - `Postgres`: libpq connections, pool, parameters, rows, COPY, migrations.
/// - `ServiceKit`: what every executable shares (configuration, logging, metrics, health, lifecycle);
///   no PostgreSQL, so the gateway links no libpq.
/// - `BackendKit`: what the three services add (database options and migrated pool, the backend
///   host, write authorization).
/// - `<Name>Core`: each service's domain, store and RPC handlers; thin executables on top.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
]
let log: Target.Dependency = .product(name: "Logging", package: "swift-log")
let traceContext: Target.Dependency = .product(name: "W3CTraceContext", package: "swift-w3c-trace-context")

let package = Package(
    name: "CrimeScope",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ingest", targets: ["IngestService"]),
        .executable(name: "heatmap", targets: ["HeatmapService"]),
        .executable(name: "predict", targets: ["PredictService"]),
        .executable(name: "gateway", targets: ["Gateway"]),
        .executable(name: "wire-bench", targets: ["WireBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // C and system libraries
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CXGBoost", providers: [.apt(["libxgboost-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "CrimeScopeProtos",
            path: "Protos/Generated",
            linkerSettings: [.linkedLibrary("protobuf-c")]
        ),

        // Platform
        .target(name: "Contracts", dependencies: ["CrimeScopeProtos"], swiftSettings: strict),
        .target(name: "CivilTime", swiftSettings: strict),
        .target(
            name: "Wire",
            dependencies: ["Contracts", log, traceContext, .product(name: "Metrics", package: "swift-metrics"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")] + nio,
            exclude: ["README.md"],
            swiftSettings: strict
        ),
        .target(name: "Postgres", dependencies: ["CLibPQ", "CivilTime", log] + nio, swiftSettings: strict),
        .target(
            name: "ServiceKit",
            dependencies: [
                "Wire", "Contracts", log,
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + nio,
            swiftSettings: strict
        ),

        .target(
            name: "BackendKit",
            dependencies: [
                "ServiceKit", "Wire", "Contracts", "Postgres", log,
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // Services: domain + store + RPC handlers, and thin executables
        .target(name: "IngestCore", dependencies: ["BackendKit", "CivilTime", "Contracts", "Wire", "Postgres", "ServiceKit", log,
                                                 .product(name: "Crypto", package: "swift-crypto"),
                                                 .product(name: "AsyncHTTPClient", package: "async-http-client"),
                                                 .product(name: "NIOHTTP1", package: "swift-nio"),
                                                 .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
                resources: [.copy("Migrations")], swiftSettings: strict),
        .target(name: "HeatmapCore", dependencies: ["BackendKit", "CivilTime", "Contracts", "Wire", "Postgres", "ServiceKit", log,
                                                  .product(name: "Metrics", package: "swift-metrics")],
                resources: [.copy("Migrations")], swiftSettings: strict),
        .target(name: "PredictCore", dependencies: ["BackendKit", "CivilTime", "Contracts", "Wire", "Postgres", "ServiceKit", "CXGBoost", log],
                resources: [.copy("Migrations")], swiftSettings: strict),
        .target(
            name: "GatewayCore",
            dependencies: ["CivilTime", "Contracts", "Wire", "ServiceKit", "CZlib", log, traceContext,
                           .product(name: "Hummingbird", package: "hummingbird")],
            resources: [.copy("Web")],
            swiftSettings: strict
        ),
        .executableTarget(name: "IngestService", dependencies: ["BackendKit", "IngestCore", "ServiceKit", "Contracts", "Postgres"], exclude: ["README.md"], swiftSettings: strict),
        .executableTarget(name: "HeatmapService", dependencies: ["BackendKit", "HeatmapCore", "ServiceKit"], exclude: ["README.md"], swiftSettings: strict),
        .executableTarget(name: "PredictService", dependencies: ["BackendKit", "CivilTime", "PredictCore", "ServiceKit", "Contracts", "Wire", "Postgres", log,
                                                             .product(name: "ArgumentParser", package: "swift-argument-parser")], exclude: ["README.md"], swiftSettings: strict),
        .executableTarget(name: "Gateway", dependencies: ["GatewayCore", "ServiceKit", .product(name: "Hummingbird", package: "hummingbird"),
                                                       .product(name: "UnixSignals", package: "swift-service-lifecycle")], exclude: ["README.md"], swiftSettings: strict),
        .executableTarget(name: "HeatmapBinningBench", dependencies: ["HeatmapCore", "IngestCore"], path: "bench/heatmap/Binning",
                          swiftSettings: strict),
        .executableTarget(name: "WireBench", dependencies: ["Wire", "Contracts", .product(name: "ArgumentParser", package: "swift-argument-parser")] + nio,
                          path: "bench/WireBench", swiftSettings: strict),

        // Tests
        .target(name: "TestSupport", dependencies: ["Postgres", "Wire", log] + nio, swiftSettings: strict),
        .testTarget(name: "ContractsTests", dependencies: ["Contracts"], swiftSettings: strict),
        .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"], swiftSettings: strict),
        .testTarget(name: "WireTests", dependencies: ["Wire", "Contracts", "TestSupport", log,
                                                    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                                                    .product(name: "NIOEmbedded", package: "swift-nio")] + nio, swiftSettings: strict),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "IngestTests", dependencies: ["BackendKit", "IngestCore", "Contracts", "ServiceKit", "TestSupport", .product(name: "Hummingbird", package: "hummingbird")], swiftSettings: strict),
        .testTarget(name: "HeatmapTests", dependencies: ["BackendKit", "CivilTime", "HeatmapCore", "IngestCore", "TestSupport", "Wire", "Contracts", "Postgres", "ServiceKit", log], swiftSettings: strict),
        .testTarget(name: "PredictTests", dependencies: ["BackendKit", "CivilTime", "PredictCore", "IngestCore", "TestSupport", "Wire", "Contracts", "Postgres", "ServiceKit", log],
                    swiftSettings: strict),
        .testTarget(name: "ServiceTests",
                    dependencies: ["ServiceKit", "BackendKit", "CivilTime", "IngestCore", "HeatmapCore", "PredictCore", "GatewayCore", "Wire", "Contracts", "Postgres", "TestSupport", log,
                                   .product(name: "Hummingbird", package: "hummingbird"),
                                   .product(name: "HummingbirdTesting", package: "hummingbird"),
                                   .product(name: "ArgumentParser", package: "swift-argument-parser")],
                    swiftSettings: strict),
    ]
)
