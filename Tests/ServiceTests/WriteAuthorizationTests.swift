import BackendKit
import Contracts
import Logging
import ServiceKit
import Testing
import Wire

@Suite("Writes need the configured bearer token")
struct WriteAuthorizationTests {
    func context(_ metadata: [MetadataEntry]) -> ServerContext {
        ServerContext(method: "/x.v1.X/Write", metadata: metadata, logger: Logger(label: "test"))
    }

    @Test func rightTokenPasses() throws {
        try WriteAuthorization(token: "s3cret").authorize(context([MetadataEntry(key: "authorization", value: "Bearer s3cret")]))
    }

    @Test func missingTokenIsUnauthenticated() {
        let error = #expect(throws: RPCError.self) { try WriteAuthorization(token: "s3cret").authorize(context([])) }
        #expect(error?.code == .unauthenticated)
    }

    @Test func wrongTokenIsUnauthenticated() {
        for offered in ["Bearer s3cre", "Bearer s3cret!", "Bearer ", "Basic s3cret"] {
            let error = #expect(throws: RPCError.self) {
                try WriteAuthorization(token: "s3cret").authorize(context([MetadataEntry(key: "authorization", value: offered)]))
            }
            #expect(error?.code == .unauthenticated)
        }
    }

    @Test func noConfiguredTokenRefusesAllWrites() {
        let error = #expect(throws: RPCError.self) {
            try WriteAuthorization(token: nil).authorize(context([MetadataEntry(key: "authorization", value: "Bearer anything")]))
        }
        #expect(error?.code == .permissionDenied)
    }
}
