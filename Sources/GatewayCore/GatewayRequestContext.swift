import Hummingbird

/// The per-request context: Hummingbird's core storage plus the request id that travels to
/// the backends as `x-request-id` metadata and back to the browser as a header.
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = ""
    }
}
