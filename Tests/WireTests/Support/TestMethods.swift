import Contracts
import Synchronization
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
    /// the service says so); `sleep` sets `sleeping`, sleeps 30 s and records its cancellation in
    /// `probe`; `wait` blocks until `gate` opens.
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
            do {
                try await Task.sleep(for: .seconds(30))
            } catch {
                probe.set()
                throw error
            }
            return HealthCheckResponse(status: .serving)
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

/// A flag set from any task, polled by tests.
final class Flag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }

    /// Waits up to `timeout` for the flag.
    func wait(timeout: Duration = .seconds(5)) async -> Bool {
        let end = ContinuousClock.now + timeout
        while !isSet, ContinuousClock.now < end {
            // A cancelled task's sleep throws at once: stop instead of spinning.
            do { try await Task.sleep(for: .milliseconds(5)) } catch { break }
        }
        return isSet
    }
}

/// Holds handlers until opened; tells tests how many have arrived.
final class Gate: Sendable {
    private let state = Mutex((arrived: 0, isOpen: false))

    /// Returns when the gate opens, or when the calling task is cancelled (a handler whose call was
    /// cancelled or timed out must end: `try? await Task.sleep` in a loop would spin, since a
    /// cancelled task's sleep throws at once).
    func pass() async {
        state.withLock { $0.arrived += 1 }
        while !state.withLock({ $0.isOpen }) {
            do { try await Task.sleep(for: .milliseconds(5)) } catch { return }
        }
    }

    func open() { state.withLock { $0.isOpen = true } }

    /// Waits until `count` handlers wait at the gate.
    func waitForArrivals(_ count: Int) async {
        while state.withLock({ $0.arrived }) < count {
            do { try await Task.sleep(for: .milliseconds(5)) } catch { return }
        }
    }
}

/// Expects a Health/Check through `client` to say SERVING.
func expectServing(_ client: RPCClient, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let reply = try await client.call(Methods.Health.check, HealthCheckRequest())
    #expect(reply.status == .serving, sourceLocation: sourceLocation)
}
