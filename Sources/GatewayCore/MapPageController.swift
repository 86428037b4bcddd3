import Foundation
import Hummingbird

/// `GET /`: the map view (`Web/index.html`), with the optional tile URL filled in.
struct MapPageController: Sendable {
    var tileURL: String?

    init(tileURL: String?) {
        self.tileURL = tileURL
    }

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/") { _, _ in
            try page(embed: "")
        }
    }

    /// `index.html` with the tile URL and `data-embed` (the embedded view's name, empty for the app).
    func page(embed: String) throws -> Response {
        guard let data = WebResources.data("index.html"), let html = String(data: data, encoding: .utf8) else {
            throw APIError(status: .internalServerError, code: "INTERNAL", message: "index.html is not bundled")
        }
        let page = html.replacingOccurrences(of: "{{TILE_URL}}", with: Self.attributeEscaped(tileURL ?? ""))
            .replacingOccurrences(of: "{{EMBED}}", with: Self.attributeEscaped(embed))
        return Response(
            status: .ok,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    static func attributeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
