import Contracts
import Logging
import Testing
@testable import Wire

@Suite("Status codes, errors, endpoints, context")
struct ValueTypeTests {
    @Test func statusCodeNamesFollowGRPC() {
        #expect(StatusCode.allKnown.count == 17)
        #expect(StatusCode.ok.name == "OK")
        #expect(StatusCode.invalidArgument.name == "INVALID_ARGUMENT")
        #expect(StatusCode.internalError.name == "INTERNAL")
        #expect(StatusCode.unauthenticated.rawValue == 16)
        #expect(StatusCode(rawValue: 99).description == "CODE_99")
    }

    @Test func rpcErrorEqualityIgnoresCause() {
        struct Cause: Error {}
        #expect(RPCError(.notFound, "x", cause: Cause()) == RPCError(code: .notFound, message: "x"))
        #expect(RPCError(.notFound, "x") != RPCError(.notFound, "y"))
        #expect(RPCError(.notFound, "x").description == "NOT_FOUND: x")
    }

    @Test func endpointsParse() throws {
        #expect(try Endpoint(parsing: "unix:///run/crimescope/heatmap.sock") == .unix(path: "/run/crimescope/heatmap.sock"))
        #expect(try Endpoint(parsing: "tcp://127.0.0.1:7001") == .tcp(host: "127.0.0.1", port: 7001))
        #expect(try Endpoint(parsing: "tcp://heatmap:0") == .tcp(host: "heatmap", port: 0))
        #expect(try Endpoint(parsing: "tcp://[::1]:7001") == .tcp(host: "::1", port: 7001))
        #expect(Endpoint.tcp(host: "::1", port: 7001).description == "tcp://[::1]:7001")
        #expect(Endpoint.unix(path: "/a/b").description == "unix:///a/b")
    }

    @Test(arguments: ["", "http://x:1", "unix://relative/path", "tcp://host", "tcp://:80", "tcp://host:70000",
                      "tcp://host:port", "tcp://[::1]7001", "tcp://[::1"])
    func badEndpointsAreRefused(_ text: String) {
        #expect(throws: EndpointParsingError.self) { try Endpoint(parsing: text) }
    }

    @Test func endpointErrorNamesTheInput() {
        do {
            _ = try Endpoint(parsing: "tcp://host")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("tcp://host"))
            #expect(error.description.contains("port"))
        }
    }

    @Test func contextReadsOrGeneratesTheRequestID() {
        // A handler that keeps metadata (nothing is logged here).
        let logger = Logger(label: "t") { StreamLogHandler.standardError(label: $0) }
        let given = ServerContext(method: "/a/B", metadata: [MetadataEntry(key: "x-request-id", value: "r-1")], logger: logger)
        #expect(given.requestID == "r-1")
        #expect(given.logger[metadataKey: "request-id"] == "r-1")
        #expect(given.logger[metadataKey: "rpc-method"] == "/a/B")
        let generated = ServerContext(method: "/a/B", logger: logger)
        #expect(generated.requestID.count == 16)
        #expect(generated.metadataValue("authorization") == nil)
    }
}
