import Wire

/// RPC clients of the three backend services. The gateway knows them only through their
/// contracts and the wire library.
public struct Backends: Sendable {
    public var ingest: RPCClient
    public var heatmap: RPCClient
    public var predict: RPCClient

    public init(ingest: RPCClient, heatmap: RPCClient, predict: RPCClient) {
        self.ingest = ingest
        self.heatmap = heatmap
        self.predict = predict
    }

    /// Connects lazily to each configured endpoint.
    public init(configuration: GatewayConfiguration) {
        func client(_ endpoint: Endpoint) -> RPCClient {
            RPCClient(endpoint: endpoint, configuration: RPCClientConfiguration(
                maxFrameBytes: configuration.maxFrameBytes, defaultTimeout: configuration.callTimeout))
        }
        self.init(ingest: client(configuration.ingest), heatmap: client(configuration.heatmap), predict: client(configuration.predict))
    }

    /// Each backend with the name the API reports it under.
    public var named: [(name: String, client: RPCClient)] {
        [("ingest", ingest), ("heatmap", heatmap), ("predict", predict)]
    }

    public func close() async {
        for backend in named { await backend.client.close() }
    }
}
