import Hummingbird

/// The per-request context: Hummingbird's core storage plus the request id that travels to
/// the backends as `x-request-id` metadata and back to the browser as a header.
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String
    /// The W3C `traceparent` the backend calls carry: the browser's trace with this request's
    /// own span, or a new trace (see ``TraceContextMiddleware``); empty before that middleware.
    public var traceParent: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = ""
        traceParent = ""
    }
}
