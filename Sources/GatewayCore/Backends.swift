import Wire

/// RPC clients of the three backend services. The gateway knows them only through their
/// contracts and the wire library. Each client spreads calls over its service's replicas and
/// resends a read to another replica when one goes away (``RPCClient``): the gateway is its own
/// balancer, no proxy between it and the services.
package struct Backends: Sendable {
    package var ingest: RPCClient
    package var heatmap: RPCClient
    package var predict: RPCClient

    package init(ingest: RPCClient, heatmap: RPCClient, predict: RPCClient) {
        self.ingest = ingest
        self.heatmap = heatmap
        self.predict = predict
    }

    /// Connects lazily to each configured replica.
    package init(configuration: GatewayConfiguration) {
        func client(_ endpoints: [Endpoint]) -> RPCClient {
            RPCClient(endpoints: endpoints, configuration: RPCClientConfiguration(
                maxFrameBytes: configuration.maxFrameBytes, defaultTimeout: configuration.callTimeout))
        }
        self.init(ingest: client(configuration.ingest), heatmap: client(configuration.heatmap), predict: client(configuration.predict))
    }

    /// Each backend with the name the API reports it under.
    var named: [(name: String, client: RPCClient)] {
        [("ingest", ingest), ("heatmap", heatmap), ("predict", predict)]
    }

    package func close() async {
        for backend in named { await backend.client.close() }
    }
}
