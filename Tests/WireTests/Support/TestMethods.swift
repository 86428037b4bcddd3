import Contracts
import Testing
import Wire

/// Methods of the test server; all use the Health messages so that no extra proto is needed.
enum TestMethods {
    static let echo = RPCMethod<HealthCheckRequest, HealthCheckRequest>("/test.v1.Echo/Echo")
    static let sleep = RPCMethod<HealthCheckRequest, HealthCheckResponse>("/test.v1.Echo/Sleep")
    static let wait = RPCMethod<HealthCheckRequest, HealthCheckResponse>("/test.v1.Echo/WaitForGate")
    static let notFound = RPCMethod<HealthCheckRequest, HealthCheckResponse>("/test.v1.Errors/NotFound")
    static let domain = RPCMethod<HealthCheckRequest, HealthCheckResponse>("/test.v1.Errors/Domain")
    static let opaque = RPCMethod<HealthCheckRequest, HealthCheckResponse>("/test.v1.Errors/Opaque")
    static let requestID = RPCMethod<HealthCheckRequest, HealthCheckRequest>("/test.v1.Echo/RequestID")

    /// A domain error that picks its own status.
    struct BeatLocked: RPCErrorConvertible {
        var rpcError: RPCError { RPCError(.failedPrecondition, "beat 1234 is locked") }
    }

    struct Opaque: Error {}

    /// The test router: `echo` returns the request (after sleeping `sleep:<ms>` milliseconds when
    /// the service says so, so that replies come back out of order); `sleep` sets `sleeping`, then
    /// waits until its task is cancelled and records that in `probe`; `wait` blocks until `gate`
    /// opens.
    static func router(probe: Flag = Flag(), gate: Gate = Gate(), sleeping: Flag = Flag()) -> RPCRouter {
        var router = RPCRouter()
        router.register(Methods.Health.check) { (_: HealthCheckRequest, _) in HealthCheckResponse(status: .serving) }
        router.register(echo) { (request: HealthCheckRequest, _) in
            if request.service.hasPrefix("sleep:"), let millis = Int(request.service.dropFirst("sleep:".count)) {
                try await Task.sleep(for: .milliseconds(millis))
            }
            return request
        }
        router.register(sleep) { (_: HealthCheckRequest, _) -> HealthCheckResponse in
            sleeping.set()
            await Flag().wait()
            probe.set()
            throw CancellationError()
        }
        router.register(wait) { (_: HealthCheckRequest, _) -> HealthCheckResponse in
            await gate.pass()
            return HealthCheckResponse(status: .serving)
        }
        router.register(notFound) { (_: HealthCheckRequest, _) -> HealthCheckResponse in
            throw RPCError(.notFound, "no beat 42")
        }
        router.register(domain) { (_: HealthCheckRequest, _) -> HealthCheckResponse in throw BeatLocked() }
        router.register(opaque) { (_: HealthCheckRequest, _) -> HealthCheckResponse in throw Opaque() }
        router.register(requestID) { (_: HealthCheckRequest, context) in
            HealthCheckRequest(service: "\(context.requestID)|\(context.metadataValue("authorization") ?? "-")|\(context.deadline != nil)")
        }
        return router
    }
}

/// Expects a Health/Check through `client` to say SERVING.
func expectServing(_ client: RPCClient, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let reply = try await client.call(Methods.Health.check, HealthCheckRequest())
    #expect(reply.status == .serving, sourceLocation: sourceLocation)
}
