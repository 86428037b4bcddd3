import Contracts
import Wire

/// One backend call as every API handler makes it: the configured deadline, the request's
/// `x-request-id` (plus any extra metadata such as `authorization`), and errors turned into
/// ``APIError`` through ``HTTPStatusMapping``.
struct BackendCaller: Sendable {
    var backends: Backends
    var callTimeout: Duration
    /// Where each heatmap replica is (the position watcher's view), if known: a read that asks
    /// for at least a position goes first to the replicas already there.
    var positions: ResponseCache?

    init(backends: Backends, callTimeout: Duration, positions: ResponseCache? = nil) {
        self.backends = backends
        self.callTimeout = callTimeout
        self.positions = positions
    }

    /// Calls `method` of the heatmap service; a ``PositionedRead`` with a `min_position` goes
    /// first to the replicas known to have reached it (any replica when none is known to).
    func heatmap<Req: ProtoMessage, Res: ProtoMessage>(
        _ method: RPCMethod<Req, Res>, _ request: Req, context: GatewayRequestContext
    ) async throws(APIError) -> Res {
        var preferring: (@Sendable (Endpoint) -> Bool)?
        if let positions, let read = request as? any PositionedRead, read.minPosition > 0 {
            let ready = positions.replicas(atLeast: read.minPosition)
            if !ready.isEmpty { preferring = { ready.contains($0.description) } }
        }
        return try await call(backends.heatmap, "heatmap", method, request, context: context, preferring: preferring)
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
        context: GatewayRequestContext, metadata: [MetadataEntry] = [], preferring: (@Sendable (Endpoint) -> Bool)? = nil
    ) async throws(APIError) -> Res {
        do {
            return try await client.call(method, request, timeout: callTimeout,
                                         metadata: context.callMetadata + metadata, preferring: preferring)
        } catch {
            throw APIError.fromBackend(error, backend: name)
        }
    }
}
