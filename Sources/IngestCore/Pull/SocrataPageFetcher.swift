import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches one SODA 2.0 page (`$limit`, `$offset`, `$order=:id`, optional `$where`) with
/// AsyncHTTPClient's shared client (task cancellation cancels the request), retrying 5xx, 429,
/// timeouts and dropped connections as its ``SocrataRetryPolicy`` says.
struct SocrataPageFetcher: Sendable {
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
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "Accept", value: "application/json")
        var attempt = 1
        while true {
            try Task.checkCancellation()
            let problem: String
            var retryAfter: Duration?
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .milliseconds(Int64(timeout * 1_000)))
                let body = try await response.body.collect(upTo: Self.maxPageBytes)
                let status = Int(response.status.code)
                switch status {
                case 200..<300:
                    return try SocrataPage(offset: offset, url: shown, body: Data(body.readableBytesView))
                case 429, 500...599:
                    problem = "HTTP \(status)"
                    retryAfter = Self.retryAfter(response.headers.first(name: "Retry-After"))
                default:
                    throw SocrataPullError.refused(url: shown, status: status,
                                                   body: String(decoding: body.readableBytesView.prefix(300), as: UTF8.self))
                }
            } catch let error as HTTPClientError {
                if error == .cancelled { throw CancellationError() }
                guard Self.isRetryable(error) else { throw SocrataPullError.transport(url: shown, problem: "\(error)") }
                problem = "timed out or connection lost (\(error))"
            } catch is NIOTooManyBytesError {
                throw SocrataPullError.transport(url: shown, problem: "the page is larger than \(Self.maxPageBytes) bytes")
            } catch let error as SocrataPullError {
                throw error
            } catch let error as CancellationError {
                throw error
            } catch {
                throw SocrataPullError.transport(url: shown, problem: "\(error)")
            }
            guard attempt < retry.maxAttempts else {
                throw SocrataPullError.gaveUp(url: shown, attempts: attempt, lastProblem: problem)
            }
            try await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: retryAfter))
            attempt += 1
        }
    }

    /// The largest page body read (a 50,000-row page of the Chicago dataset is ~40 MB).
    static let maxPageBytes = 512 * 1024 * 1024

    /// Transfer failures worth another attempt: timeouts and dropped connections.
    static func isRetryable(_ error: HTTPClientError) -> Bool {
        [.deadlineExceeded, .readTimeout, .connectTimeout, .remoteConnectionClosed].contains(error)
    }

    /// A `Retry-After` given in seconds; HTTP-date values are ignored (backoff applies).
    static func retryAfter(_ header: String?) -> Duration? {
        guard let header, let seconds = Int(header.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
