import ServiceKit
import Wire

/// Checks the bearer token that write calls carry in their `authorization` metadata.
///
/// With no token configured, every write is refused: a deployment must choose a secret.
package struct WriteAuthorization: Sendable {
    private let token: [UInt8]?

    package init(token: String?) {
        self.token = token.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
    }

    /// Throws UNAUTHENTICATED without a bearer token or with a wrong one (RFC 6750's
    /// `invalid_token`: the caller must authenticate again), PERMISSION_DENIED when writes are
    /// disabled (no token would help).
    package func authorize(_ context: ServerContext) throws(RPCError) {
        guard let token else {
            throw RPCError(code: .permissionDenied, message: "writes are disabled: the service has no write token configured")
        }
        guard let header = context.metadataValue("authorization"), header.hasPrefix("Bearer ") else {
            throw RPCError(code: .unauthenticated, message: "this call writes data: send 'authorization: Bearer <token>'")
        }
        let offered = Array(header.utf8.dropFirst("Bearer ".utf8.count))
        guard Self.constantTimeEquals(offered, token) else {
            throw RPCError(code: .unauthenticated, message: "the write token is not valid")
        }
    }

    private static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? a[index] : 0
            let right = index < b.count ? b[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }
}
