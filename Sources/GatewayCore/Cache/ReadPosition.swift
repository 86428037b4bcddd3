import HTTPTypes
import Hummingbird

/// Read-your-writes over the heatmap's replicas, in HTTP: every heatmap read answers with the
/// outbox position it reflects in `X-CrimeScope-Position`, and a request may ask for at least a
/// position with `X-CrimeScope-Min-Position` (e.g. the `outbox_position` a finished load reported,
/// or a position an earlier answer carried), so that a lagging replica never shows older data
/// than the person has already seen. A header rather than a query parameter: the position is
/// not part of what is asked for (the URL stays shareable and its cache entry the same).
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

    /// The position a response was tagged with, if any.
    static func position(of response: Response) -> Int64? {
        response.headers[positionHeader].flatMap { Int64($0) }
    }
}
