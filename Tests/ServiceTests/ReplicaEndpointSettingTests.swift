import ArgumentParser
@testable import GatewayCore
import ServiceKit
import Testing
import Wire

/// Endpoint settings that name several replicas of a service (issue 15).
@Suite("Configuration: replica lists in endpoint settings")
struct ReplicaEndpointSettingTests {
    static let gatewayArguments = ["--ingest-endpoint", "unix:///tmp/i.sock", "--predict-endpoint", "unix:///tmp/p.sock"]

    @Test func theGatewayTakesCommaSeparatedReplicasFromFlagOrEnvironment() throws {
        let configuration = try GatewayOptions.parse(Self.gatewayArguments + [
            "--heatmap-endpoint", "tcp://10.0.0.5:7102, tcp://10.0.0.6:7102",
        ]).resolve(environment: ["CRIMESCOPE_PREDICT_ENDPOINT": "tcp://ignored:1"])
        #expect(configuration.heatmap == [.tcp(host: "10.0.0.5", port: 7102), .tcp(host: "10.0.0.6", port: 7102)])
        #expect(configuration.ingest == [.unix(path: "/tmp/i.sock")])
        let fromEnvironment = try GatewayOptions.parse(["--heatmap-endpoint", "unix:///tmp/h.sock"]).resolve(environment: [
            "CRIMESCOPE_INGEST_ENDPOINT": "tcp://ingest-1:7101,tcp://ingest-2:7101",
            "CRIMESCOPE_PREDICT_ENDPOINT": "tcp://predict:7103",
        ])
        #expect(fromEnvironment.ingest == [.tcp(host: "ingest-1", port: 7101), .tcp(host: "ingest-2", port: 7101)])
        #expect(fromEnvironment.predict == [.tcp(host: "predict", port: 7103)])
    }

    @Test func aBadReplicaIsNamedInTheError() throws {
        #expect(throws: ConfigurationError.self) {
            _ = try GatewayOptions.parse(Self.gatewayArguments + ["--heatmap-endpoint", "tcp://10.0.0.5:7102,tcp://nope"])
                .resolve(environment: [:])
        }
        #expect(throws: ConfigurationError.self) {
            _ = try GatewayOptions.parse(Self.gatewayArguments + ["--heatmap-endpoint", " , "]).resolve(environment: [:])
        }
    }

    @Test func oneShotCommandsTakeTheFirstReplica() throws {
        let options = try IngestEndpointOptions.parse(["--ingest-endpoint", "tcp://a:1,tcp://b:2"])
        #expect(try options.resolve(environment: [:]) == .tcp(host: "a", port: 1))
        #expect(try options.resolveReplicas(environment: [:]) == [.tcp(host: "a", port: 1), .tcp(host: "b", port: 2)])
    }
}
