import Contracts

/// The validated path and query of `GET /api/v1/ingest/runs/{id}/rejects` as a ListRejects request.
struct RejectsQuery: Sendable {
    /// The query names the endpoint accepts.
    static let names: Set<String> = ["limit", "after_line"]

    var request: ListRejectsRequest

    /// Validates: the run id a positive integer; `limit` 1-5,000 (default 100); `after_line`
    /// ≥ 0 (the last line number of the previous page; default 0).
    init(runID text: String, _ query: QueryParameters) throws(APIError) {
        guard let runID = QueryParameters.strictInteger(text), runID > 0, !text.hasPrefix("+") else {
            throw .invalidArgument("the run id must be a positive integer, got '\(text.prefix(40))'")
        }
        let limit = try query.integer("limit", in: 1...5_000) ?? 100
        let afterLine = try query.integer("after_line", in: 0...999_999_999_999) ?? 0
        request = ListRejectsRequest(runID: Int64(runID), limit: Int32(limit), afterLineNumber: Int64(afterLine))
    }
}
