import Foundation
import Hummingbird

/// How the API writes JSON: snake_case keys, sorted, `application/json`.
enum JSONResponse {
    /// The API's encoder (snake_case keys, sorted for stable bytes).
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A response (`200` unless told) with `value` as JSON (gzip when `request` accepts it and it is large).
    static func make(_ value: some Encodable, for request: Request, status: HTTPResponse.Status = .ok,
                            cacheControl: String = "no-cache") throws -> Response {
        try bytes(encoder().encode(value), for: request, status: status, cacheControl: cacheControl)
    }

    /// A response (`200` unless told) with `value` written by ``JSONText`` (the hot replies).
    static func text(_ value: some JSONTextWritable, for request: Request, status: HTTPResponse.Status = .ok,
                            cacheControl: String = "no-cache") -> Response {
        let text = value.jsonText(capacity: 32_768)
        return text.bytes.withUnsafeBytes { body(of: $0, for: request, status: status, cacheControl: cacheControl) }
    }

    /// A response (`200` unless told) with already encoded bytes, gzip-compressed when `request`
    /// accepts gzip and the body has at least ``Gzip/minimumBytes``.
    static func bytes(_ data: Data, for request: Request, status: HTTPResponse.Status = .ok,
                             contentType: String = "application/json; charset=utf-8",
                             cacheControl: String = "no-cache", etag: String? = nil) -> Response {
        data.withUnsafeBytes {
            body(of: $0, for: request, status: status, contentType: contentType, cacheControl: cacheControl, etag: etag)
        }
    }

    /// The same for raw bytes; compressed bodies come from ``GzipCache/shared`` when it holds them.
    static func body(of bytes: UnsafeRawBufferPointer, for request: Request, status: HTTPResponse.Status = .ok,
                     contentType: String = "application/json; charset=utf-8",
                     cacheControl: String = "no-cache", etag: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: contentType, .cacheControl: cacheControl, .vary: "Accept-Encoding"]
        if let etag { headers[.eTag] = etag }
        if bytes.count >= Gzip.minimumBytes, Gzip.accepted(by: request.headers[.acceptEncoding]),
           let compressed = GzipCache.shared.compressed(bytes) {
            headers[.contentEncoding] = "gzip"
            return Response(status: status, headers: headers, body: .init(byteBuffer: compressed))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A strong ETag over `data` (64-bit FNV-1a, hex, quoted).
    static func etag(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return "\"\(String(hash, radix: 16))-\(data.count)\""
    }

    /// Whether the request's `If-None-Match` names `etag` (or is `*`).
    static func matches(_ request: Request, etag: String) -> Bool {
        guard let header = request.headers[.ifNoneMatch] else { return false }
        return header.split(separator: ",").contains { tag in
            let trimmed = tag.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == etag || trimmed == "W/" + etag
        }
    }
}

/// A reply that writes itself with ``JSONText`` (the same bytes as ``JSONResponse/encoder()``,
/// much faster): the heatmaps and the month incidents.
package protocol JSONTextWritable {
    func write(to text: inout JSONText)
}

extension JSONTextWritable {
    /// The value's JSON bytes.
    func jsonText(capacity: Int = 4_096) -> JSONText {
        var text = JSONText(capacity: capacity)
        write(to: &text)
        return text
    }
}
