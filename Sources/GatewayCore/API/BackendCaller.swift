import Contracts
import Wire

/// One backend call as every API handler makes it: the configured deadline, the request's
/// `x-request-id` (plus any extra metadata such as `authorization`), and errors turned into
/// ``APIError`` through ``HTTPStatusMapping``.
struct BackendCaller: Sendable {
    var backends: Backends
    var callTimeout: Duration

    init(backends: Backends, callTimeout: Duration) {
        self.backends = backends
        self.callTimeout = callTimeout
    }

    /// Calls `method` of the heatmap service.
    func heatmap<Req: ProtoMessage, Res: ProtoMessage>(
        _ method: RPCMethod<Req, Res>, _ request: Req, context: GatewayRequestContext
    ) async throws(APIError) -> Res {
        try await call(backends.heatmap, "heatmap", method, request, context: context)
    }

    /// Calls `method` of the ingest service.
    func ingest<Req: ProtoMessage, Res: ProtoMessage>(
        _ method: RPCMethod<Req, Res>, _ request: Req, context: GatewayRequestContext, metadata: [MetadataEntry] = []
    ) async throws(APIError) -> Res {
        try await call(backends.ingest, "ingest", method, request, context: context, metadata: metadata)
    }

    /// Calls `method` of the predict service.
    func predict<Req: ProtoMessage, Res: ProtoMessage>(
        _ method: RPCMethod<Req, Res>, _ request: Req, context: GatewayRequestContext, metadata: [MetadataEntry] = []
    ) async throws(APIError) -> Res {
        try await call(backends.predict, "predict", method, request, context: context, metadata: metadata)
    }

    /// One call with the deadline and request id; errors become ``APIError``.
    func call<Req: ProtoMessage, Res: ProtoMessage>(
        _ client: RPCClient, _ name: String, _ method: RPCMethod<Req, Res>, _ request: Req,
        context: GatewayRequestContext, metadata: [MetadataEntry] = []
    ) async throws(APIError) -> Res {
        do {
            return try await client.call(method, request, timeout: callTimeout,
                                         metadata: context.callMetadata + metadata)
        } catch {
            throw APIError.fromBackend(error, backend: name)
        }
    }
}
