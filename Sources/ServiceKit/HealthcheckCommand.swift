import ArgumentParser
import Contracts
import Foundation
import NIOCore
import NIOPosix
import Wire

/// `ingest|heatmap|predict healthcheck`: a container probe (Docker HEALTHCHECK, Kubernetes exec
/// probe). Calls the service's Health/Check over its own listen address and exits 0 only when the
/// answer is SERVING; prints the status, or the reason on stderr and exits 1.
package struct BackendHealthcheckCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 when the service's Health/Check answers SERVING, 1 otherwise (a container probe)."
    )

    @Option(name: .long, help: "Address to check (default: the first of --listen / CRIMESCOPE_LISTEN; a wildcard host becomes loopback).")
    package var endpoint: String?

    @Option(name: .long, help: "Endpoint the service listens on, as for serve (env CRIMESCOPE_LISTEN, comma-separated).")
    package var listen: [String] = []

    @Option(name: .customLong("timeout-ms"), help: "Longest wait for the answer (default 3000).")
    var timeoutMilliseconds: Int = 3000

    package init() {}

    package func run() async throws {
        let target: Endpoint
        do {
            target = try Healthcheck.probeEndpoint(explicit: endpoint, listen: listen, environment: ProcessEnvironment.current)
        } catch {
            throw Healthcheck.fail("\(error)")
        }
        let client = RPCClient(endpoint: target, configuration: RPCClientConfiguration(
            connectTimeout: .milliseconds(timeoutMilliseconds), defaultTimeout: .milliseconds(timeoutMilliseconds)))
        let status: HealthCheckResponse.ServingStatus
        do {
            status = try await client.call(Methods.Health.check, HealthCheckRequest()).status
        } catch {
            await client.close()
            throw Healthcheck.fail("Health/Check at \(target) failed: \(error)")
        }
        await client.close()
        guard status == .serving else { throw Healthcheck.fail("Health/Check at \(target): \(status.name)") }
        print("\(target) \(status.name)")
    }
}

/// `gateway healthcheck`: GET /healthz on the gateway's own HTTP address; exits 0 only on 200
/// (the gateway answers 200 when every backend's Health/Check is SERVING).
package struct GatewayHealthcheckCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 when GET /healthz answers 200, 1 otherwise (a container probe)."
    )

    @Option(name: .customLong("http-host"), help: "Host to ask (env CRIMESCOPE_HTTP_HOST; default 127.0.0.1; a wildcard host becomes loopback).")
    package var httpHost: String?

    @Option(name: .customLong("http-port"), help: "Port to ask (env CRIMESCOPE_HTTP_PORT; default 8080).")
    package var httpPort: Int?

    @Option(name: .long, help: "Path to ask (default /healthz).")
    package var path: String = "/healthz"

    @Option(name: .customLong("timeout-ms"), help: "Longest wait for the answer (default 3000).")
    var timeoutMilliseconds: Int = 3000

    package init() {}

    package func run() async throws {
        let environment = ProcessEnvironment.current
        let host = Healthcheck.loopback(SettingKey("http-host").resolve(flag: httpHost, environment: environment) ?? "127.0.0.1")
        let port: Int
        do {
            port = try SettingKey("http-port").integer(flag: httpPort, environment: environment, default: 8080)
        } catch {
            throw Healthcheck.fail("\(error)")
        }
        let status: Int
        do {
            status = try await Healthcheck.httpStatus(host: host, port: port, path: path, timeout: .milliseconds(timeoutMilliseconds))
        } catch {
            throw Healthcheck.fail("GET http://\(host):\(port)\(path) failed: \(error)")
        }
        guard status == 200 else { throw Healthcheck.fail("GET http://\(host):\(port)\(path): HTTP \(status)") }
        print("http://\(host):\(port)\(path) \(status)")
    }
}

/// What the healthcheck commands share.
enum Healthcheck {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Prints `message` on stderr and returns the exit code 1 to throw.
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("healthcheck: \(message)\n".utf8))
        return ExitCode(1)
    }

    /// A wildcard listen host (`0.0.0.0`, `::`) is reached through loopback.
    static func loopback(_ host: String) -> String {
        switch host {
        case "0.0.0.0", "": "127.0.0.1"
        case "::", "[::]": "::1"
        default: host
        }
    }

    /// `--endpoint`, else the first listen address (flag, then CRIMESCOPE_LISTEN).
    static func probeEndpoint(explicit: String?, listen: [String], environment: [String: String]) throws -> Endpoint {
        if let explicit, !explicit.isEmpty { return try Endpoint(parsing: explicit) }
        let key = SettingKey("listen")
        var values = listen
        if values.isEmpty, let fromEnvironment = key.resolve(flag: nil, environment: environment) {
            values = fromEnvironment.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        }
        guard let first = values.first else { throw ConfigurationError.missing(key) }
        switch try Endpoint(parsing: first) {
        case .tcp(let host, let port): return .tcp(host: loopback(host), port: port)
        case let other: return other
        }
    }

    /// The status code of `GET path` over a fresh HTTP/1.1 connection (Connection: close).
    static func httpStatus(host: String, port: Int, path: String, timeout: Duration) async throws -> Int {
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connectTimeout(TimeAmount(timeout))
                    .connect(host: host, port: port) { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                        }
                    }
                return try await channel.executeThenClose { inbound, outbound in
                    let hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
                    try await outbound.write(ByteBuffer(string: "GET \(path) HTTP/1.1\r\nHost: \(hostHeader)\r\nConnection: close\r\n\r\n"))
                    var head = ""
                    for try await var chunk in inbound {
                        head += chunk.readString(length: chunk.readableBytes) ?? ""
                        if head.contains("\r\n") { break }
                    }
                    // "HTTP/1.1 200 OK"
                    let parts = head.split(separator: " ", maxSplits: 2)
                    guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let code = Int(parts[1]) else {
                        throw Failure(description: "not an HTTP response: \(head.prefix(80).debugDescription)")
                    }
                    return code
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw Failure(description: "no answer within \(timeout)")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw Failure(description: "no result") }
            return first
        }
    }
}
