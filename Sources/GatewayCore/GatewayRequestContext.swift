import Hummingbird

/// The per-request context: Hummingbird's core storage plus the request id that travels to
/// the backends as `x-request-id` metadata and back to the browser as a header.
struct GatewayRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    var requestID: String
    /// The W3C `traceparent` the backend calls carry: the browser's trace with this request's
    /// own span, or a new trace (see ``TraceContextMiddleware``); empty before that middleware.
    var traceParent: String

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        requestID = ""
        traceParent = ""
    }
}
