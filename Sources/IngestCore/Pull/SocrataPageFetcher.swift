import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches one SODA 2.0 page (`$limit`, `$offset`, `$order=:id`, optional `$where`) with
/// URLSession, retrying 5xx, 429 and timeouts as its ``SocrataRetryPolicy`` says.
struct SocrataPageFetcher: Sendable {
    let session: URLSession
    /// The dataset's `resource/<id>.json` URL (any query items it has are kept).
    let endpoint: URL
    let pageSize: Int
    /// The SoQL filter of an incremental pull, e.g. `updated_on > '2017-04-21T15:50:30'`.
    let whereClause: String?
    let retry: SocrataRetryPolicy
    /// Seconds one attempt may take before it counts as timed out.
    let timeout: TimeInterval

    /// The request URL for the page at `offset`.
    func url(offset: Int) throws(SocrataPullError) -> URL {
        guard var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) else {
            throw SocrataPullError.transport(url: endpoint.absoluteString, problem: "not a valid URL")
        }
        var items = (components.queryItems ?? []).filter { !["$limit", "$offset", "$order", "$where"].contains($0.name) }
        items.append(URLQueryItem(name: "$limit", value: String(pageSize)))
        items.append(URLQueryItem(name: "$offset", value: String(offset)))
        items.append(URLQueryItem(name: "$order", value: ":id"))
        if let whereClause { items.append(URLQueryItem(name: "$where", value: whereClause)) }
        components.queryItems = items
        guard let url = components.url else {
            throw SocrataPullError.transport(url: endpoint.absoluteString, problem: "cannot add the paging parameters")
        }
        return url
    }

    /// The page at `offset`; throws ``SocrataPullError`` (or `CancellationError` when cancelled).
    func fetch(offset: Int) async throws -> SocrataPage {
        let url = try url(offset: offset)
        let shown = url.absoluteString.removingPercentEncoding ?? url.absoluteString
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        var attempt = 1
        while true {
            try Task.checkCancellation()
            let problem: String
            var retryAfter: Duration?
            do {
                let (body, response) = try await CancellableDataTask.data(session, for: request)
                guard let http = response as? HTTPURLResponse else {
                    throw SocrataPullError.transport(url: shown, problem: "the response is not HTTP")
                }
                switch http.statusCode {
                case 200..<300:
                    return try SocrataPage(offset: offset, url: shown, body: body)
                case 429, 500...599:
                    problem = "HTTP \(http.statusCode)"
                    retryAfter = Self.retryAfter(http.value(forHTTPHeaderField: "Retry-After"))
                default:
                    throw SocrataPullError.refused(url: shown, status: http.statusCode,
                                                   body: String(decoding: body.prefix(300), as: UTF8.self))
                }
            } catch let error as URLError {
                if error.code == .cancelled { throw CancellationError() }
                guard Self.isRetryable(error) else { throw SocrataPullError.transport(url: shown, problem: error.localizedDescription) }
                problem = "timed out or connection lost (\(error.code.rawValue))"
            }
            guard attempt < retry.maxAttempts else {
                throw SocrataPullError.gaveUp(url: shown, attempts: attempt, lastProblem: problem)
            }
            try await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: retryAfter))
            attempt += 1
        }
    }

    /// Transfer failures worth another attempt: timeouts and dropped connections.
    static func isRetryable(_ error: URLError) -> Bool {
        [.timedOut, .networkConnectionLost, .notConnectedToInternet].contains(error.code)
    }

    /// A `Retry-After` given in seconds; HTTP-date values are ignored (backoff applies).
    static func retryAfter(_ header: String?) -> Duration? {
        guard let header, let seconds = Int(header.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
