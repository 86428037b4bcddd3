import ServiceKit
import Contracts
import Logging
import ServiceLifecycle
import Wire

/// Flips Health to SERVING once the server listens, and to NOT_SERVING when shutdown begins,
/// so load balancers and the gateway stop sending work while in-flight calls drain.
struct ReadinessService: Service {
    let server: RPCServer
    let board: HealthStatusBoard
    let logger: Logger

    func run() async throws {
        let endpoints = try await server.boundEndpoints()
        board.setAll(.serving)
        logger.info("serving", metadata: ["endpoints": .string(endpoints.map(\.description).joined(separator: ", "))])
        // Wait for shutdown without turning it into an error.
        try? await gracefulShutdown()
        board.setAll(.notServing)
        logger.info("shutting down: health is NOT_SERVING, draining in-flight calls")
    }
}
