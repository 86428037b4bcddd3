import Contracts
import HTTPTypes
import Hummingbird

/// Read-your-writes over the heatmap's replicas, in HTTP: every heatmap read answers with the
/// outbox position it reflects in `X-CrimeScope-Position`, and a request may ask for at least a
/// position with `X-CrimeScope-Min-Position` (e.g. the `outbox_position` a finished load reported,
/// or a position an earlier answer carried), so that a lagging replica never shows older data
/// than the person has already seen. A header rather than a query parameter: the position is
/// not part of what is asked for (the URL stays shareable and its cache entry the same).
///
/// The web UI uses it as a session's causal-consistency token: it keeps the highest position any
/// answer carried (in `sessionStorage`, so across page loads of the tab) and sends it with every
/// read, so its totals never go back to an older state, whichever replica answers. A load and a
/// run answer with the position they wrote (``tagWritten(_:_:)``).
enum ReadPosition {
    static let minimumHeader = HTTPField.Name("x-crimescope-min-position")!
    static let positionHeader = HTTPField.Name("x-crimescope-position")!

    /// The request's minimum position (0 when it names none).
    /// - Throws: 400 when the header is not a non-negative integer.
    static func minimum(of request: Request) throws(APIError) -> Int64 {
        guard let text = request.headers[minimumHeader] else { return 0 }
        guard let value = Int64(text.filter { $0 != " " && $0 != "\t" }), value >= 0 else {
            throw APIError.invalidArgument("X-CrimeScope-Min-Position must be a non-negative integer, got '\(text)'")
        }
        return value
    }

    /// `response` with the position of the heatmap answer it carries.
    static func tag(_ response: Response, _ position: Int64) -> Response {
        var response = response
        response.headers[positionHeader] = String(position)
        return response
    }

    /// `response` to a load or a run, with the outbox position the run wrote (when it wrote
    /// one): the position to send as the minimum to see that load on every heatmap replica. A
    /// client that keeps the highest `X-CrimeScope-Position` it has seen (as the web UI does)
    /// thereby reads its own load.
    static func tagWritten(_ response: Response, _ run: Run?) -> Response {
        guard let position = run?.outboxPosition, position > 0 else { return response }
        return tag(response, position)
    }

    /// The position a response was tagged with, if any.
    static func position(of response: Response) -> Int64? {
        response.headers[positionHeader].flatMap { Int64($0) }
    }
}
