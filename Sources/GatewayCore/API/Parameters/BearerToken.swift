import Contracts
import Hummingbird

/// The `Authorization: Bearer <token>` of a write request, passed through unchanged to the
/// backend as `authorization` metadata (the backend checks the token; the gateway holds none).
enum BearerToken {
    /// The metadata entry for the backend; `401 UNAUTHENTICATED` when the header is absent or
    /// not a bearer token of printable characters.
    static func metadata(_ request: Request) throws(APIError) -> MetadataEntry {
        try metadata(authorization: request.headers[.authorization])
    }

    /// The same from the header's value.
    static func metadata(authorization: String?) throws(APIError) -> MetadataEntry {
        guard let header = authorization else {
            throw unauthenticated("this call writes data: send 'Authorization: Bearer <token>'")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw unauthenticated("the Authorization header must be 'Bearer <token>'")
        }
        let token = parts[1]
        guard !token.isEmpty, token.count <= 512, token.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw unauthenticated("the bearer token must be 1-512 printable characters without spaces")
        }
        return MetadataEntry(key: "authorization", value: "Bearer \(token)")
    }

    static func unauthenticated(_ message: String) -> APIError {
        APIError(status: .unauthorized, code: "UNAUTHENTICATED", message: message)
    }
}
