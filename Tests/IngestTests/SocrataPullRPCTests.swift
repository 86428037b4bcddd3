import Contracts
import Foundation
@testable import IngestCore
import Testing
@testable import Wire

/// StartPull over RPC: token-protected like StartLoad; cities without a pull are refused (no test
/// reaches the public Socrata endpoints, so successful pulls are covered by ``SocrataPullTests`` and
/// ``NYPDSocrataPullTests`` against a local stand-in).
@Suite("Socrata pull over RPC", .serialized, .timeLimit(.minutes(10)))
struct SocrataPullRPCTests {
    @Test("StartPull needs the token (chicago and nyc); an unknown city or one without a dataset is INVALID_ARGUMENT")
    func refusals() async throws {
        try await IngestTestDatabase.with(label: "pull_rpc") { db in
            try await IngestRPCTests.withServer(db) { client in
                let pull = { (request: StartPullRequest, metadata: [MetadataEntry]) in
                    await IngestRPCTests.code {
                        _ = try await client.call(Methods.Ingest.startPull, request, metadata: metadata)
                    }
                }
                #expect(await pull(StartPullRequest(city: "chicago"), []) == .unauthenticated)
                #expect(await pull(StartPullRequest(city: "nyc"), []) == .unauthenticated)
                #expect(await pull(StartPullRequest(city: "atlantis"), IngestRPCTests.bearer) == .invalidArgument)
                #expect(await pull(StartPullRequest(city: "uk-metropolitan"), IngestRPCTests.bearer) == .invalidArgument)
            }
            #expect(try await db.scalar("SELECT count(*) FROM ingest.etl_runs") == 0)
        }
    }
}
