import Contracts

/// `GET /api/v1/ingest/runs/{id}/rejects`: one page of a run's rejected source records, in
/// line order, and the run's total.
struct RejectsJSON: Codable, Sendable, Equatable {
    /// One rejected record.
    struct RejectJSON: Codable, Sendable, Equatable {
        var lineNumber: Int64
        var rawText: String
        var reason: String
    }

    var runId: Int64
    /// Rejects of the whole run.
    var total: Int64
    var rejects: [RejectJSON]
    /// The `after_line` of the next page; absent on the last page.
    var nextAfterLine: Int64?

    init(query: RejectsQuery, response: ListRejectsResponse) {
        runId = query.request.runID
        total = response.total
        rejects = response.rejects.map { RejectJSON(lineNumber: $0.lineNumber, rawText: $0.rawText, reason: $0.reason) }
        let full = response.rejects.count >= Int(query.request.limit)
        nextAfterLine = full ? response.rejects.last?.lineNumber : nil
    }
}
