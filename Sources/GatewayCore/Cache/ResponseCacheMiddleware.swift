import HTTPTypes
import Hummingbird
import NIOCore

/// Serves the heatmap's GET reads from the ``ResponseCache``: a repeat of a request at the same
/// heatmap position costs no RPC, JSON or gzip work, and one whose `If-None-Match` names the
/// current ETag gets `304 Not Modified` with no body.
///
/// The key is the path, the query parameters as the controllers read them (decoded, sorted, so
/// the order in the URL does not matter) and the representation (gzip or identity, as
/// `Accept-Encoding` chooses). Only `200` answers are stored. Each answer carries a strong ETag
/// over its own bytes (gzip and identity differ), `Vary: Accept-Encoding` and the controller's
/// `Cache-Control: no-cache` (a browser keeps it but asks again each time, cheaply, with
/// `If-None-Match`), plus `X-Cache: hit` or `miss`. A request's own `Cache-Control: no-cache`
/// skips the lookup (a hard reload), and its answer refreshes the entry.
public struct ResponseCacheMiddleware: RouterMiddleware {
    public typealias Context = GatewayRequestContext

    /// The reads whose answers depend only on the query and the heatmap's position.
    public static let cachedPaths: Set<String> = ["/api/v1/heatmap", "/api/v1/heatmap/window", "/api/v1/grids", "/api/v1/hotspots"]

    public let cache: ResponseCache

    public init(cache: ResponseCache) {
        self.cache = cache
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get, Self.cachedPaths.contains(request.uri.path) else {
            return try await next(request, context)
        }
        let key = Self.key(request)
        let (entry, position) = cache.lookup(key)
        if let entry, !Self.refuses(request) {
            return Self.answer(entry, to: request, cache: "hit")
        }
        var response = try await next(request, context)
        guard response.status == .ok, let position else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        let body = collector.buffer
        let etag = body.withUnsafeReadableBytes { Self.etag(of: $0) }
        response.headers[.eTag] = etag
        let stored = ResponseCache.Entry(status: response.status, headers: response.headers, body: body, etag: etag)
        cache.store(stored, for: key, at: position)
        return Self.answer(stored, to: request, cache: "miss")
    }

    /// The cache key: path, decoded query pairs sorted, representation.
    static func key(_ request: Request) -> String {
        var pairs: [(name: String, value: String)] = []
        for parameter in request.uri.queryParameters {
            pairs.append((String(parameter.key), String(parameter.value)))
        }
        pairs.sort { left, right in left.name != right.name ? left.name < right.name : left.value < right.value }
        var key = request.uri.path
        // Lengths before each name and value, so that no two pair lists give one key.
        for pair in pairs {
            key += "|" + String(pair.name.utf8.count) + ":" + pair.name
            key += "=" + String(pair.value.utf8.count) + ":" + pair.value
        }
        key += Gzip.accepted(by: request.headers[.acceptEncoding]) ? "|gzip" : "|identity"
        return key
    }

    /// Whether the request asks not to be answered from a cache without asking the origin.
    static func refuses(_ request: Request) -> Bool {
        guard let value = request.headers[.cacheControl] else { return false }
        return value.lowercased().split(separator: ",").contains { $0.filter { $0 != " " && $0 != "\t" } == "no-cache" }
            || request.headers[.pragma]?.lowercased() == "no-cache"
    }

    static func answer(_ entry: ResponseCache.Entry, to request: Request, cache: String) -> Response {
        var headers = entry.headers
        headers[.xCache] = cache
        if JSONResponse.matches(request, etag: entry.etag) {
            // RFC 9110 15.4.5: a 304 repeats ETag, Cache-Control, Vary (and no content headers).
            var notModified: HTTPFields = [.eTag: entry.etag, .xCache: cache]
            notModified[.cacheControl] = entry.headers[.cacheControl]
            notModified[.vary] = entry.headers[.vary]
            return Response(status: .notModified, headers: notModified)
        }
        return Response(status: entry.status, headers: headers, body: .init(byteBuffer: entry.body))
    }

    /// A strong ETag over the body's bytes (64-bit FNV-1a and the length, as ``JSONResponse/etag(_:)``).
    static func etag(of bytes: UnsafeRawBufferPointer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return "\"\(String(hash, radix: 16))-\(bytes.count)\""
    }
}

/// Collects a response body written by Hummingbird's body writer into one buffer.
final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

extension HTTPField.Name {
    /// `hit` or `miss`: whether the gateway's response cache answered.
    static let xCache = Self("x-cache")!
    /// HTTP/1.0's `Pragma: no-cache`, which some clients still send on a reload.
    static let pragma = Self("pragma")!
}
