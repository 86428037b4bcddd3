import CivilTime
import Contracts
import Wire

/// Fetches a city's training rows from the ingest service by RPC (ListTrainingRows, paged by
/// key); the predict service never reads the ingest schema.
package struct IngestTrainingRows: Sendable {
    package let client: RPCClient
    /// Rows per page (the ingest service allows up to 50,000; 20,000 keeps pages under 4 MiB).
    var pageSize: Int32 = 20_000
    /// Timeout per page.
    var pageTimeout: Duration = .seconds(120)

    package init(client: RPCClient) {
        self.client = client
    }

    /// Every row of `city` in `window` (local time; default: years 1900–2100). `progress` gets
    /// the rows fetched so far.
    /// - Throws: ``PredictError/failedPrecondition(_:)`` when the city has no rows; the ingest
    ///   service's own error (e.g. INVALID_ARGUMENT for an unknown city) as an ``RPCError``.
    package func fetch(city: String, window: TimeWindow? = nil, progress: (Int) throws -> Void = { _ in }) async throws -> IncidentTable {
        let window = window ?? TimeWindow(start: LocalDateTime.localSeconds(year: 1900, month: 1, day: 1),
                                          end: LocalDateTime.localSeconds(year: 2100, month: 1, day: 1))
        var table = IncidentTable()
        var afterKey: Int64 = 0
        while true {
            let request = ListTrainingRowsRequest(city: city, range: LocalTimeRange(startLocalSeconds: window.start, endLocalSeconds: window.end),
                                                  afterKey: afterKey, limit: pageSize)
            let page = try await client.call(Methods.Ingest.listTrainingRows, request,
                                             timeout: pageTimeout)
            table.append(contentsOf: page.rows)
            try progress(table.count)
            if page.done || page.rows.isEmpty { break }
            guard page.lastKey > afterKey else {
                throw RPCError(.internalError, "ListTrainingRows after key \(afterKey) returned last key \(page.lastKey)")
            }
            afterKey = page.lastKey
        }
        guard table.count > 0 else {
            throw PredictError.failedPrecondition("the ingest service has no incidents of '\(city)' in \(window.label): load some first")
        }
        return table
    }
}
