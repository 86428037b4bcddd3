import Contracts
import Foundation

/// `GET /api/v1/ingest/runs`: the newest load runs first. Times are UTC instants
/// (`time_zone` is always `"UTC"`), as ISO 8601 text and Unix milliseconds.
public struct IngestRunsJSON: Codable, Sendable, Equatable {
    /// One load run.
    public struct RunJSON: Codable, Sendable, Equatable {
        public var runId: Int64
        public var city: String
        /// `SOURCE_FORMAT_*` name.
        public var format: String
        public var source: String
        public var cursor: String
        /// `RUN_STATUS_RUNNING`, `RUN_STATUS_WAITING`, `RUN_STATUS_SUCCEEDED` or `RUN_STATUS_FAILED`.
        public var status: String
        /// While waiting: the run it waits for.
        public var waitingForRunId: Int64?
        /// The newest outbox position the run wrote: send it as `X-CrimeScope-Min-Position` to
        /// see the run's changes on every heatmap replica (absent when it wrote none).
        public var outboxPosition: Int64?
        public var error: String
        public var read: Int64
        public var inserted: Int64
        public var updated: Int64
        public var unchanged: Int64
        public var rejected: Int64
        public var startedUnixMs: Int64
        public var finishedUnixMs: Int64?
        public var startedAt: String
        public var finishedAt: String?

        /// The JSON form of a run.
        public init(_ run: Run) {
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

    public var timeZone: String
    public var runs: [RunJSON]

    public init(_ response: ListRunsResponse) {
        timeZone = "UTC"
        runs = response.runs.map(RunJSON.init)
    }

    static func iso(_ unixMs: Int64) -> String {
        Date(timeIntervalSince1970: Double(unixMs) / 1000).formatted(.iso8601)
    }
}
