import Contracts
import Foundation

/// `GET /api/v1/ingest/runs`: the newest load runs first. Times are UTC instants
/// (`time_zone` is always `"UTC"`), as ISO 8601 text and Unix milliseconds.
struct IngestRunsJSON: Codable, Sendable, Equatable {
    /// One load run.
    struct RunJSON: Codable, Sendable, Equatable {
        var runId: Int64
        var city: String
        /// `SOURCE_FORMAT_*` name.
        var format: String
        var source: String
        var cursor: String
        /// `RUN_STATUS_RUNNING`, `RUN_STATUS_WAITING`, `RUN_STATUS_SUCCEEDED` or `RUN_STATUS_FAILED`.
        var status: String
        /// While waiting: the run it waits for.
        var waitingForRunId: Int64?
        /// The newest outbox position the run wrote: send it as `X-CrimeScope-Min-Position` to
        /// see the run's changes on every heatmap replica (absent when it wrote none).
        var outboxPosition: Int64?
        var error: String
        var read: Int64
        var inserted: Int64
        var updated: Int64
        var unchanged: Int64
        var rejected: Int64
        var startedUnixMs: Int64
        var finishedUnixMs: Int64?
        var startedAt: String
        var finishedAt: String?

        /// The JSON form of a run.
        init(_ run: Run) {
            runId = run.runID
            city = run.city
            format = run.format.name
            source = run.source
            cursor = run.cursor
            status = run.status.name
            waitingForRunId = run.status == .waiting && run.waitingForRunID > 0 ? run.waitingForRunID : nil
            outboxPosition = run.outboxPosition > 0 ? run.outboxPosition : nil
            error = run.error
            read = run.counts?.read ?? 0
            inserted = run.counts?.inserted ?? 0
            updated = run.counts?.updated ?? 0
            unchanged = run.counts?.unchanged ?? 0
            rejected = run.counts?.rejected ?? 0
            startedUnixMs = run.startedUnixMs
            finishedUnixMs = run.finishedUnixMs > 0 ? run.finishedUnixMs : nil
            startedAt = IngestRunsJSON.iso(run.startedUnixMs)
            finishedAt = run.finishedUnixMs > 0 ? IngestRunsJSON.iso(run.finishedUnixMs) : nil
        }
    }

    var timeZone: String
    var runs: [RunJSON]

    init(_ response: ListRunsResponse) {
        timeZone = "UTC"
        runs = response.runs.map(RunJSON.init)
    }

    static func iso(_ unixMs: Int64) -> String {
        Date(timeIntervalSince1970: Double(unixMs) / 1000).formatted(.iso8601)
    }
}
