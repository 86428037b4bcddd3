import Contracts
import HTTPTypes
import Hummingbird
import Logging
import W3CTraceContext

/// Carries a W3C trace through the gateway: a request's valid `traceparent` header keeps its
/// trace id (and sampling flag) and gets a span of its own for this hop; without one (or with a
/// malformed one) a new trace starts. The resulting `traceparent` goes to every backend call as
/// metadata (``BackendCaller``), where each service's log lines for the call name its `trace-id`,
/// and back to the client in the response header, so a person can quote it.
struct TraceContextMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    init() {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let trace = Self.trace(continuing: request.headers[.traceParent])
        context.traceParent = trace.traceParentHeaderValue
        context.logger[metadataKey: "trace-id"] = "\(trace.traceID)"
        do {
            var response = try await next(request, context)
            response.headers[.traceParent] = context.traceParent
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[.traceParent] = context.traceParent
            return response
        }
    }

    /// This hop's trace context: the incoming trace with a new span id, or a new sampled trace.
    static func trace(continuing header: String?) -> TraceContext {
        if let header, let incoming = try? TraceContext(traceParentHeaderValue: header) {
            return TraceContext(traceID: incoming.traceID, spanID: .random(), flags: incoming.flags, state: incoming.state)
        }
        return TraceContext(traceID: .random(), spanID: .random(), flags: .sampled, state: TraceState())
    }
}

extension HTTPField.Name {
    static let traceParent = Self("traceparent")!
}

extension GatewayRequestContext {
    /// The metadata of every backend call: the request id and, once set, the trace context.
    var callMetadata: [MetadataEntry] {
        var entries = [MetadataEntry(key: "x-request-id", value: requestID)]
        if !traceParent.isEmpty { entries.append(MetadataEntry(key: "traceparent", value: traceParent)) }
        return entries
    }
}
