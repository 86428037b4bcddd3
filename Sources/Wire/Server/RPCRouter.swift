import Contracts

/// The methods a server serves: full method name → typed handler.
///
/// ```swift
/// var router = RPCRouter()
/// router.register(Methods.Health.check) { request, context in
///     HealthCheckResponse(status: .serving)
/// }
/// ```
package struct RPCRouter: Sendable {
    /// A handler with the protobuf conversions applied: request bytes in, reply bytes out.
    typealias ErasedHandler = @Sendable ([UInt8], ServerContext) async throws -> [UInt8]

    private(set) var handlers: [String: ErasedHandler] = [:]

    /// An empty router.
    package init() {}

    /// Serves `method` with `handler`, replacing any handler registered for it before.
    ///
    /// A request payload that does not decode as `Request` is answered with INVALID_ARGUMENT
    /// naming the message type, without calling the handler.
    package mutating func register<Request: ProtoMessage, Response: ProtoMessage>(
        _ method: RPCMethod<Request, Response>,
        _ handler: @escaping @Sendable (Request, ServerContext) async throws -> Response
    ) {
        handlers[method.fullName] = { bytes, context in
            let request: Request
            do {
                request = try Request(serializedBytes: bytes)
            } catch {
                throw RPCError(.invalidArgument, "request payload of \(bytes.count) bytes is not a valid \(Request.protoName)", cause: error)
            }
            return try await handler(request, context).serializedBytes()
        }
    }

    /// The full names of the registered methods, sorted.
    var methods: [String] { handlers.keys.sorted() }

    func handler(for method: String) -> ErasedHandler? { handlers[method] }
}
