import Foundation

/// One live pull: which city, where from, and how hard to press the server.
package struct SocrataPullRequest: Sendable {
    package var city: IngestCity
    /// One of the city's datasets (nyc: `uh2w-zjsn` year to date, `8h9b-rp9u` historic); `nil` for its default.
    package var datasetID: String?
    /// The SODA `resource/<id>.json` URL; `nil` for the city's public endpoint.
    package var baseURL: URL?
    /// Rows per page (`$limit`), 1…50,000.
    package var pageSize: Int
    /// Pages in flight at once, 1…8.
    package var concurrency: Int
    package var retry: SocrataRetryPolicy
    /// Seconds one request may take before it counts as timed out (and is retried).
    package var requestTimeout: TimeInterval
    /// Ignore the stored cursor (no `$where`) and take every record.
    package var fullReload: Bool
    /// Rows per committed batch, as for a file load.
    package var batchRows: Int

    package static let defaultPageSize = 1_000
    package static let defaultConcurrency = 3
    static let pageSizeRange = 1...50_000
    static let concurrencyRange = 1...8

    package init(city: IngestCity, datasetID: String? = nil, baseURL: URL? = nil, pageSize: Int = SocrataPullRequest.defaultPageSize,
                concurrency: Int = SocrataPullRequest.defaultConcurrency, retry: SocrataRetryPolicy = .standard,
                requestTimeout: TimeInterval = 60, fullReload: Bool = false, batchRows: Int = LoadRequest.defaultBatchRows) {
        self.city = city
        self.datasetID = datasetID
        self.baseURL = baseURL
        self.pageSize = pageSize
        self.concurrency = concurrency
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.fullReload = fullReload
        self.batchRows = batchRows
    }

    /// Throws ``IngestError/invalidArgument(_:)`` for sizes out of range or a URL that is not http(s).
    func validate() throws(IngestError) {
        guard Self.pageSizeRange.contains(pageSize) else {
            throw IngestError.invalidArgument("page size must be within \(Self.pageSizeRange.lowerBound)…\(Self.pageSizeRange.upperBound), got \(pageSize)")
        }
        guard Self.concurrencyRange.contains(concurrency) else {
            throw IngestError.invalidArgument("concurrency must be within \(Self.concurrencyRange.lowerBound)…\(Self.concurrencyRange.upperBound), got \(concurrency)")
        }
        guard requestTimeout > 0 else { throw IngestError.invalidArgument("request timeout must be positive") }
        if let baseURL, !["http", "https"].contains(baseURL.scheme?.lowercased() ?? "") || baseURL.host == nil {
            throw IngestError.invalidArgument("base URL must be an http or https URL, got '\(baseURL.absoluteString)'")
        }
    }
}
