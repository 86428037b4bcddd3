import Foundation
import Hummingbird

/// `GET /static/app/{path}` (the gateway's own JS/CSS from ``WebResources``, e.g. `shared.js` or
/// `views/month.js`) and
/// `GET /static/vendor/{package}/{path}` (Debian's `libjs-*` files, read from the configured
/// vendor folder, e.g. `/usr/share/javascript/leaflet/leaflet.js`).
struct StaticFileController: Sendable {
    var vendorDirectory: String

    init(vendorDirectory: String) {
        self.vendorDirectory = vendorDirectory
    }

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/static/app/**") { request, context in
            let name = context.parameters.getCatchAll().joined(separator: "/")
            guard let data = WebResources.data(name) else { throw Self.notFound(name) }
            return Self.file(data, name: name, request: request, cacheControl: "no-cache")
        }
        router.get("/static/vendor/**") { request, context in
            let path = context.parameters.getCatchAll().joined(separator: "/")
            guard Self.isSafeRelativePath(path) else { throw Self.notFound(path) }
            let url = URL(fileURLWithPath: vendorDirectory).appendingPathComponent(path)
            guard let data = try? Data(contentsOf: url) else { throw Self.notFound(path) }
            return Self.file(data, name: path, request: request, cacheControl: "public, max-age=86400")
        }
    }

    /// A relative path without empty, `.` or `..` components or odd characters.
    static func isSafeRelativePath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, path.count < 300, !path.hasPrefix("/") else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part != "." && part != ".." && part.utf8.allSatisfy { byte in
                (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
        }
    }

    static func notFound(_ path: String) -> APIError {
        APIError(status: .notFound, code: "NOT_FOUND", message: "no static file '\(path.prefix(100))'")
    }

    static func file(_ data: Data, name: String, request: Request, cacheControl: String) -> Response {
        let etag = JSONResponse.etag(data)
        if JSONResponse.matches(request, etag: etag) {
            return Response(status: .notModified, headers: [.eTag: etag, .cacheControl: cacheControl])
        }
        return JSONResponse.bytes(data, for: request, contentType: contentType(name), cacheControl: cacheControl, etag: etag)
    }

    static func contentType(_ name: String) -> String {
        switch name.split(separator: ".").last.map(String.init) ?? "" {
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "html": "text/html; charset=utf-8"
        case "json", "map": "application/json; charset=utf-8"
        case "png": "image/png"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }
}
