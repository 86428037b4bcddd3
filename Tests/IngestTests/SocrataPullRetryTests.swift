import TestSupport
import Foundation
import Testing
@testable import IngestCore

/// The retry schedule of a page request, and a timeout retried against the stand-in server.
@Suite("Socrata pull retries", .serialized, .timeLimit(.minutes(10)))
struct SocrataPullRetryTests {
    @Test("backoff doubles from the base delay up to the cap, with jitter; Retry-After wins, capped")
    func schedule() {
        let policy = SocrataRetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(100), maxDelay: .milliseconds(500),
                                        maxRetryAfter: .seconds(5))
        for (attempt, full) in [(1, 100), (2, 200), (3, 400), (4, 500), (5, 500)] {
            let delay = policy.delay(afterAttempt: attempt, retryAfter: nil)
            #expect(delay >= .milliseconds(full / 2) && delay <= .milliseconds(full), "attempt \(attempt): \(delay)")
        }
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(0)) == .zero)
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3)) == .seconds(3))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3600)) == .seconds(5))
        #expect(SocrataPageFetcher.retryAfter("7") == .seconds(7))
        #expect(SocrataPageFetcher.retryAfter(" 0 ") == .zero)
        #expect(SocrataPageFetcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(SocrataPageFetcher.retryAfter("-1") == nil)
        #expect(SocrataRetryPolicy(maxAttempts: 0, baseDelay: .zero, maxDelay: .zero, maxRetryAfter: .zero).maxAttempts == 1)
    }

    @Test("a page slower than the request timeout is retried and the pull completes")
    func timeoutRetried() async throws {
        let standIn = try SocrataPullStandIn(sample: SharedData.url(SocrataPullTests.sample))
        // The first answer for offset 300 comes long after the request timeout; every other answer
        // comes at once. The timeout leaves room for a loaded machine: with 1 s, the healthy pages
        // of a full parallel test run timed out too (4 attempts each) and the pull failed.
        standIn.fail(offset: 300, with: [.delay(.seconds(20))])
        try await IngestTestDatabase.with(label: "pull_timeout") { db in
            try await standIn.serve { endpoint in
                var request = try SocrataPullTests.request(endpoint)
                request.requestTimeout = 6
                let outcome = try await SocrataPuller(loader: db.loader).pull(request)
                #expect(outcome.succeeded, "\(outcome.error ?? "")")
                // At least twice: on a loaded machine the retry itself can outlast the timeout.
                #expect(standIn.queries.filter { $0["$offset"] == "300" }.count >= 2, "the timed-out page was asked for again")
                #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents") == 1_000)
                SocrataPullTests.expectEveryRequestPaged(standIn)
            }
        }
    }
}
