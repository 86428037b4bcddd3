import Contracts
import Foundation
import NIOCore
import NIOPosix
import Synchronization
@testable import Wire

/// Methods of the replica tests: `name` (a read) and `write` answer with the server's name.
enum ReplicaMethods {
    static let name = RPCMethod<HealthCheckRequest, HealthCheckRequest>("/test.v1.Replica/Name", readOnly: true)
    static let write = RPCMethod<HealthCheckRequest, HealthCheckRequest>("/test.v1.Replica/Write")

    /// A router that answers as `name`, counts the calls it served, and reports `health`.
    static func router(name: String, served: Counter, health: HealthCheckResponse.ServingStatus = .serving) -> RPCRouter {
        var router = RPCRouter()
        router.register(Methods.Health.check) { (_: HealthCheckRequest, _) in HealthCheckResponse(status: health) }
        router.register(self.name) { (_: HealthCheckRequest, _) in
            served.increment()
            return HealthCheckRequest(service: name)
        }
        router.register(write) { (_: HealthCheckRequest, _) in
            served.increment()
            return HealthCheckRequest(service: name)
        }
        return router
    }
}

final class Counter: Sendable {
    private let count = Atomic(0)
    func increment() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// A replica that dies with every call: it reads the request and closes the connection without
/// answering, as a process killed mid-call does. Counts the requests that reached it.
final class VanishingReplica: Sendable {
    let endpoint: Endpoint
    let received = Counter()
    private let channel: any Channel

    private final class CloseOnRead: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received: Counter
        init(received: Counter) { self.received = received }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received.increment()
            context.close(promise: nil)
        }
    }

    init(directory: URL) async throws {
        let path = directory.appendingPathComponent("vanishing.sock").path
        let received = self.received
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(CloseOnRead(received: received)) }
            }
            .bind(unixDomainSocketPath: path).get()
        endpoint = .unix(path: path)
    }

    func close() async { try? await channel.close() }
}
