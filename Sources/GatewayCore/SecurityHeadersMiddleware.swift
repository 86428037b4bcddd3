import Foundation
import HTTPTypes
import Hummingbird

/// Headers every response carries, errors included: `X-Content-Type-Options: nosniff` (a JSON
/// or text body is never sniffed into script) and `Referrer-Policy` (links out of the app send
/// the origin only). HTML pages also get a Content-Security-Policy: scripts, styles, data and
/// fonts from the gateway itself (no inline script: the pages load theirs from `/static/app/`),
/// images also from the configured tile server, and no framing (`frame-ancestors 'none'`) —
/// except the `/embed/…` pages, made to be framed, whose `frame-ancestors` is the configured list.
/// Inline styles stay allowed: Leaflet and the views position elements with `style`.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    /// The policy of the HTML pages.
    let contentSecurityPolicy: String
    /// The policy of the `/embed/…` pages: the same, framed by `embedFrameAncestors` only.
    let embedContentSecurityPolicy: String

    /// `tileURL`: the map's tile URL template, whose origin may serve images; `embedFrameAncestors`:
    /// the CSP sources that may frame `/embed/…` (`*` by default).
    init(tileURL: String?, embedFrameAncestors: String = "*") {
        let images = tileURL.flatMap { Self.origin(ofTileURL: $0) }.map { [$0] } ?? []
        contentSecurityPolicy = Self.policy(imageOrigins: images)
        embedContentSecurityPolicy = Self.policy(imageOrigins: images, frameAncestors: embedFrameAncestors)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "strict-origin-when-cross-origin"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            let embed = request.uri.path.hasPrefix("/embed/")
            response.headers[.contentSecurityPolicy] = embed ? embedContentSecurityPolicy : contentSecurityPolicy
        }
        return response
    }

    static func policy(imageOrigins: [String], frameAncestors: String = "'none'") -> String {
        [
            "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'",
            "img-src " + (["'self'", "data:", "blob:"] + imageOrigins).joined(separator: " "),
            "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'",
            "form-action 'self'", "frame-ancestors \(frameAncestors)",
        ].joined(separator: "; ")
    }

    /// `https://tile.example.org` of `https://{s}.tile.example.org/{z}/{x}/{y}.png`: the scheme and
    /// host, with a `{s}` subdomain placeholder widened to `*`.
    static func origin(ofTileURL template: String) -> String? {
        guard let schemeEnd = template.range(of: "://") else { return nil }
        let scheme = template[..<schemeEnd.lowerBound]
        guard scheme == "https" || scheme == "http" else { return nil }
        let rest = template[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" }
        guard !host.isEmpty else { return nil }
        return "\(scheme)://" + host.replacingOccurrences(of: "{s}", with: "*")
    }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("referrer-policy")!
}
