import HTTPTypes
import Hummingbird
import NIOCore

/// Serves the heatmap's GET reads from the ``ResponseCache``: a repeat of a request at the same
/// heatmap position costs no RPC, JSON or gzip work, and one whose `If-None-Match` names the
/// current ETag gets `304 Not Modified` with no body. A request whose `X-CrimeScope-Min-Position`
/// is newer than the cached answer goes to the heatmap (``ReadPosition``); answers are stored
/// under the position their `X-CrimeScope-Position` names.
///
/// The key is the path, the canonical query (the parameters as the controllers read them, in a
/// fixed encoding and order, so their order in the URL does not matter; see ``key(_:)``) and the
/// representation (gzip or identity, as `Accept-Encoding` chooses). Only `200` answers are
/// stored. Each answer carries a strong ETag over its own bytes (gzip and identity differ),
/// `Vary: Accept-Encoding` and the controller's `Cache-Control: no-cache` (a browser keeps it but
/// asks again each time, cheaply, with `If-None-Match`), plus `X-Cache: hit` or `miss`. A
/// request's own `Cache-Control: no-cache` skips the lookup (a hard reload), and its answer
/// refreshes the entry.
struct ResponseCacheMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    /// The reads whose answers depend only on the query and the heatmap's position.
    static let cachedPaths: Set<String> = ["/api/v1/heatmap", "/api/v1/heatmap/window", "/api/v1/grids", "/api/v1/hotspots"]

    let cache: ResponseCache

    init(cache: ResponseCache) {
        self.cache = cache
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get, Self.cachedPaths.contains(request.uri.path) else {
            return try await next(request, context)
        }
        // A malformed minimum goes to the controller, which answers 400.
        guard let minimum = try? ReadPosition.minimum(of: request) else { return try await next(request, context) }
        let key = Self.key(request)
        let (entry, isOn) = cache.lookup(key, atLeast: minimum)
        if let entry, !Self.refuses(request) {
            return Self.answer(entry, to: request, cache: "hit")
        }
        var response = try await next(request, context)
        guard response.status == .ok, isOn, let position = ReadPosition.position(of: response) else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        let body = collector.buffer
        let etag = body.withUnsafeReadableBytes { Self.etag(of: $0) }
        response.headers[.eTag] = etag
        let stored = ResponseCache.Entry(status: response.status, headers: response.headers, body: body, etag: etag, position: position)
        cache.store(stored, for: key)
        return Self.answer(stored, to: request, cache: "miss")
    }

    /// The cache key: the path, the canonical query and the representation.
    ///
    /// The canonical query is the parameters as the controllers read them (`queryParameters`),
    /// each written `name=value` with every byte outside printable ASCII and each of `%&=#+`
    /// percent-encoded, sorted bytewise and joined by `&`: one string per multiset of parameters,
    /// and different multisets never give the same string. Most requests arrive already in that
    /// form (sorted, nothing encoded); their raw query is used as it is, which saves decoding and
    /// sorting on every hit (5 % of the gateway's CPU on a profiled one-URL run).
    static func key(_ request: Request) -> String {
        let representation = Gzip.accepted(by: request.headers[.acceptEncoding]) ? "#gzip" : "#identity"
        let query = request.uri.query ?? ""
        let canonical = isCanonical(query) ? query : canonicalQuery(request)
        return request.uri.path + "?" + canonical + representation
    }

    /// Whether a raw query is already canonical: non-empty `name=value` components with one `=`
    /// each, only printable ASCII other than `%#+`, in bytewise order.
    static func isCanonical(_ query: String) -> Bool {
        query.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var previous = 0..<0
            var start = 0
            while start < bytes.count {
                var end = start
                var equals = 0
                while end < bytes.count, bytes[end] != UInt8(ascii: "&") {
                    let byte = bytes[end]
                    guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "%"), byte != UInt8(ascii: "#"),
                          byte != UInt8(ascii: "+") else { return false }
                    if byte == UInt8(ascii: "=") { equals += 1 }
                    end += 1
                }
                guard equals == 1, end > start else { return false }
                let current = start..<end
                if !previous.isEmpty, !bytes[previous].lexicographicallyPrecedesOrEquals(bytes[current]) { return false }
                previous = current
                start = end + 1
                if end < bytes.count, start == bytes.count { return false }  // a trailing '&'
            }
            return true
        } ?? false
    }

    /// The canonical query built from the decoded parameters.
    static func canonicalQuery(_ request: Request) -> String {
        var components: [String] = []
        for parameter in request.uri.queryParameters {
            components.append(encoded(parameter.key) + "=" + encoded(parameter.value))
        }
        // Encoded components are ASCII, so String order is byte order.
        return components.sorted().joined(separator: "&")
    }

    private static func encoded(_ text: Substring) -> String {
        var out = ""
        for byte in text.utf8 {
            if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "%"), byte != UInt8(ascii: "&"), byte != UInt8(ascii: "="),
               byte != UInt8(ascii: "#"), byte != UInt8(ascii: "+") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += hex.count == 1 ? "%0" + hex : "%" + hex
            }
        }
        return out
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
            notModified[ReadPosition.positionHeader] = entry.headers[ReadPosition.positionHeader]
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

private extension Collection where Element == UInt8 {
    /// Bytewise order, a prefix first.
    func lexicographicallyPrecedesOrEquals(_ other: some Collection<UInt8>) -> Bool {
        !other.lexicographicallyPrecedes(self)
    }
}
