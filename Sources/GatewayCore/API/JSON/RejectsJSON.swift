import Contracts

/// `GET /api/v1/ingest/runs/{id}/rejects`: one page of a run's rejected source records, in
/// line order, and the run's total.
public struct RejectsJSON: Codable, Sendable, Equatable {
    /// One rejected record.
    public struct RejectJSON: Codable, Sendable, Equatable {
        public var lineNumber: Int64
        public var rawText: String
        public var reason: String
    }

    public var runId: Int64
    /// Rejects of the whole run.
    public var total: Int64
    public var rejects: [RejectJSON]
    /// The `after_line` of the next page; absent on the last page.
    public var nextAfterLine: Int64?

    public init(query: RejectsQuery, response: ListRejectsResponse) {
        runId = query.request.runID
        total = response.total
        rejects = response.rejects.map { RejectJSON(lineNumber: $0.lineNumber, rawText: $0.rawText, reason: $0.reason) }
        let full = response.rejects.count >= Int(query.request.limit)
        nextAfterLine = full ? response.rejects.last?.lineNumber : nil
    }
}
