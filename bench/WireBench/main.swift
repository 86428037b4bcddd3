import ArgumentParser
import Contracts
import Foundation
import Logging
import NIOPosix
import Wire

/// Measures Wire's call rate and latency on loopback: an in-process server answering
/// Health/Check, driven over a Unix socket and TCP by 1 and 64 concurrent callers.
@main
struct WireBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wire-bench",
        abstract: "Benchmarks Wire calls over a Unix socket and TCP on loopback."
    )

    @Option(help: "Calls per run (split between the callers).")
    var calls = 100_000

    @Option(help: "Warm-up calls before each run.")
    var warmup = 5_000

    @Option(parsing: .upToNextOption, help: "Concurrent callers, one run each.")
    var concurrency: [Int] = [1, 64]

    @Option(help: "Client connections the callers are spread over.")
    var connections = 1

    @Option(parsing: .upToNextOption, help: "Transports: unix, tcp.")
    var transports: [String] = ["unix", "tcp"]

    func run() async throws {
        var logger = Logger(label: "wire-bench")
        logger.logLevel = .warning
        var router = RPCRouter()
        router.register(Methods.Health.check) { (_: HealthCheckRequest, _) in HealthCheckResponse(status: .serving) }
        let socketPath = "/tmp/wire-bench-\(ProcessInfo.processInfo.processIdentifier).sock"
        var endpoints: [Endpoint] = []
        for transport in transports {
            switch transport {
            case "unix": endpoints.append(.unix(path: socketPath))
            case "tcp": endpoints.append(.tcp(host: "127.0.0.1", port: 0))
            default: throw ValidationError("unknown transport '\(transport)': use unix or tcp")
            }
        }
        let server = RPCServer(configuration: .init(endpoints: endpoints), router: router, logger: logger)
        let serverTask = Task { try await server.run() }
        defer { serverTask.cancel() }
        let bound = try await server.boundEndpoints()

        print("cores: \(ProcessInfo.processInfo.activeProcessorCount), calls per run: \(calls), connections: \(connections)")
        print("transport  callers      calls/s     p50 µs     p99 µs")
        for endpoint in bound {
            for callers in concurrency {
                let result = try await measure(endpoint: endpoint, callers: callers)
                let name = if case .unix = endpoint { "unix" } else { "tcp" }
                print(name.padding(toLength: 9, withPad: " ", startingAt: 0),
                      String(format: "%8d %12.0f %10.1f %10.1f", callers, result.callsPerSecond, result.p50Micros, result.p99Micros))
            }
        }
        serverTask.cancel()
        try await serverTask.value
    }

    private struct Result {
        var callsPerSecond: Double
        var p50Micros: Double
        var p99Micros: Double
    }

    private func measure(endpoint: Endpoint, callers: Int) async throws -> Result {
        let clients = (0..<max(1, connections)).map { _ in RPCClient(endpoint: endpoint) }
        defer { for client in clients { Task { await client.close() } } }
        _ = try await drive(clients: clients, callers: callers, calls: warmup)
        let start = ContinuousClock.now
        var latencies = try await drive(clients: clients, callers: callers, calls: calls)
        let elapsed = ContinuousClock.now - start
        latencies.sort()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return Double(latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) / 1_000
        }
        return Result(callsPerSecond: Double(latencies.count) / seconds, p50Micros: percentile(0.5), p99Micros: percentile(0.99))
    }

    /// Runs `calls` Health/Check calls from `callers` tasks; returns each call's latency in ns.
    private func drive(clients: [RPCClient], callers: Int, calls: Int) async throws -> [Int64] {
        try await withThrowingTaskGroup(of: [Int64].self) { group in
            for caller in 0..<callers {
                let client = clients[caller % clients.count]
                let share = calls / callers + (caller < calls % callers ? 1 : 0)
                group.addTask {
                    var latencies: [Int64] = []
                    latencies.reserveCapacity(share)
                    let clock = ContinuousClock()
                    for _ in 0..<share {
                        let start = clock.now
                        _ = try await client.call(Methods.Health.check, HealthCheckRequest())
                        let elapsed = clock.now - start
                        latencies.append(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
                    }
                    return latencies
                }
            }
            var all: [Int64] = []
            all.reserveCapacity(calls)
            for try await latencies in group { all += latencies }
            return all
        }
    }
}
