import Contracts
import Foundation
import Hummingbird
import Wire

/// `GET /healthz`: each backend's Health/Check, 200 when all serve, 503 otherwise, with how far
/// each backend is behind the log it follows (`lag`: the heatmap's outbox; 0 for the others).
struct HealthzController: Sendable {
    var backends: Backends
    var timeout: Duration

    init(backends: Backends, timeout: Duration = .seconds(2)) {
        self.backends = backends
        self.timeout = timeout
    }

    /// The JSON body.
    struct Report: Codable, Sendable, Equatable {
        var status: String
        var backends: [String: String]
        var errors: [String: String]
        /// Per backend that answered: deltas not yet applied and the oldest one's age.
        var lag: [String: Lag]
    }

    /// A backend's lag as Health/Check reports it.
    struct Lag: Codable, Sendable, Equatable {
        var behindDeltas: Int64
        var behindSeconds: Double

        enum CodingKeys: String, CodingKey {
            case behindDeltas = "behind_deltas"
            case behindSeconds = "behind_seconds"
        }
    }

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/healthz") { _, context in
            let report = await check(requestID: context.requestID)
            let data = try JSONEncoder().encode(report)
            return Response(
                status: report.status == "ok" ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: data))
            )
        }
    }

    /// Asks every backend at once.
    func check(requestID: String) async -> Report {
        await withTaskGroup(of: (String, String, String?, Lag?).self) { group in
            for backend in backends.named {
                group.addTask {
                    do {
                        let reply = try await backend.client.call(
                            Methods.Health.check, HealthCheckRequest(),
                            timeout: timeout, metadata: [MetadataEntry(key: "x-request-id", value: requestID)])
                        return (backend.name, reply.status.name, nil,
                                Lag(behindDeltas: reply.behindDeltas, behindSeconds: reply.behindSeconds))
                    } catch let error as RPCError {
                        return (backend.name, "UNREACHABLE", "\(error.code.name): \(error.message)", nil)
                    } catch {
                        return (backend.name, "UNREACHABLE", "\(error)", nil)
                    }
                }
            }
            var statuses: [String: String] = [:]
            var errors: [String: String] = [:]
            var lags: [String: Lag] = [:]
            for await (name, status, error, lag) in group {
                statuses[name] = status
                if let error { errors[name] = error }
                if let lag { lags[name] = lag }
            }
            let healthy = statuses.values.allSatisfy { $0 == HealthCheckResponse.ServingStatus.serving.name }
            return Report(status: healthy ? "ok" : "degraded", backends: statuses, errors: errors, lag: lags)
        }
    }
}
