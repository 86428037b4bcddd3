import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
@testable import Wire

/// The response cache in front of a stand-in `/api/v1/heatmap` route that answers with its
/// query and how often it was called (through Hummingbird's in-process router): a repeat is
/// answered without reaching the route, `If-None-Match` gives 304, different queries and
/// representations never share an entry, a new position drops everything, an unknown
/// position caches nothing, and a request for a newer position than the entry's is not served
/// from it. The stand-in answers at the cache's newest position, as the heatmap would.
@Suite("Gateway response cache")
struct GatewayResponseCacheTests {
    /// Calls that reached the stand-in route.
    final class Calls: Sendable {
        private let count = Mutex(0)
        func next() -> Int { count.withLock { $0 += 1; return $0 } }
        var value: Int { count.withLock { $0 } }
    }

    static func app(cache: ResponseCache, calls: Calls) -> some ApplicationProtocol {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: ResponseCacheMiddleware(cache: cache))
        router.get("/api/v1/heatmap") { request, _ in
            let call = calls.next()
            // Large enough to be gzipped; the query and the call number make each answer distinct.
            let text = "{\"query\":\"\(request.uri.query ?? "")\",\"call\":\(call),\"pad\":\"\(String(repeating: "x", count: 2000))\"}"
            return ReadPosition.tag(JSONResponse.bytes(Data(text.utf8), for: request), cache.position ?? 0)
        }
        return Application(router: router)
    }

    static let url = "/api/v1/heatmap?city=chicago&year=2017"

    func get(_ client: some TestClientProtocol, _ uri: String, _ headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
    }

    @Test func aRepeatIsServedFromTheCacheAndIfNoneMatchGives304() async throws {
        let cache = ResponseCache(), calls = Calls()
        cache.setPosition(7)
        try await Self.app(cache: cache, calls: calls).test(.router) { client in
            let first = try await get(client, Self.url)
            #expect(first.status == .ok)
            #expect(first.headers[HTTPField.Name("x-cache")!] == "miss")
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"), "a strong ETag")
            #expect(first.headers[.cacheControl] == "no-cache")
            #expect(first.headers[.vary] == "Accept-Encoding")

            let second = try await get(client, Self.url)
            #expect(second.status == .ok)
            #expect(second.headers[HTTPField.Name("x-cache")!] == "hit")
            #expect(second.headers[.eTag] == etag)
            #expect(second.body == first.body)
            #expect(calls.value == 1)

            let revalidated = try await get(client, Self.url, [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.body.readableBytes == 0)
            #expect(revalidated.headers[.eTag] == etag)
            #expect(revalidated.headers[.cacheControl] == "no-cache")
            #expect(revalidated.headers[.vary] == "Accept-Encoding")
            #expect(calls.value == 1)

            let otherTag = try await get(client, Self.url, [.ifNoneMatch: "\"0-1\""])
            #expect(otherTag.status == .ok)
            #expect(calls.value == 1)
        }
    }

    @Test func differentQueriesAndRepresentationsNeverShareAnEntry() async throws {
        let cache = ResponseCache(), calls = Calls()
        cache.setPosition(1)
        try await Self.app(cache: cache, calls: calls).test(.router) { client in
            let uris = [Self.url, "/api/v1/heatmap?city=chicago&year=2016", "/api/v1/heatmap?city=chicago&year=2017&hour_min=1&hour_max=2",
                        "/api/v1/heatmap?city=chicago&year=2017&primary_type=THEFT", "/api/v1/heatmap?city=nyc&year=2017",
                        // Names and values that would run together without the lengths in the key.
                        "/api/v1/heatmap?city=chicago&year=2017&a=b%7C1:c=d", "/api/v1/heatmap?city=chicago&year=2017&a=b&c=d"]
            var bodies: [String: String] = [:]
            for uri in uris {
                let response = try await get(client, uri)
                #expect(response.headers[HTTPField.Name("x-cache")!] == "miss", "\(uri)")
                bodies[uri] = String(buffer: response.body)
            }
            #expect(calls.value == uris.count)
            for uri in uris {
                let again = try await get(client, uri)
                #expect(again.headers[HTTPField.Name("x-cache")!] == "hit", "\(uri)")
                #expect(String(buffer: again.body) == bodies[uri], "\(uri)")
            }
            #expect(calls.value == uris.count)

            // The same parameters in another order, or with a value percent-encoded, are the same query.
            for same in ["/api/v1/heatmap?year=2017&city=chicago", "/api/v1/heatmap?city=chic%61go&year=2017",
                         "/api/v1/heatmap?year=%32017&city=chicago"] {
                let response = try await get(client, same)
                #expect(response.headers[HTTPField.Name("x-cache")!] == "hit", "\(same)")
                #expect(String(buffer: response.body) == bodies[Self.url], "\(same)")
            }
            // Values that decode differently are different queries.
            for other in ["/api/v1/heatmap?city=chicago&year=2017%20", "/api/v1/heatmap?city=chicago&year=2017&year=2017"] {
                #expect(try await get(client, other).headers[HTTPField.Name("x-cache")!] == "miss", "\(other)")
            }

            // gzip and identity are two representations with two ETags.
            let identity = try await get(client, Self.url)
            let gzip = try await get(client, Self.url, [.acceptEncoding: "gzip"])
            #expect(gzip.headers[HTTPField.Name("x-cache")!] == "miss")
            #expect(gzip.headers[.contentEncoding] == "gzip")
            #expect(identity.headers[.contentEncoding] == nil)
            #expect(gzip.headers[.eTag] != identity.headers[.eTag])
            let gzipAgain = try await get(client, Self.url, [.acceptEncoding: "gzip"])
            #expect(gzipAgain.headers[HTTPField.Name("x-cache")!] == "hit")
            #expect(gzipAgain.headers[.contentEncoding] == "gzip")
            #expect(gzipAgain.body == gzip.body)
        }
    }

    @Test func aNewPositionDropsEveryEntryAndAnUnknownOneCachesNothing() async throws {
        let cache = ResponseCache(), calls = Calls()
        try await Self.app(cache: cache, calls: calls).test(.router) { client in
            _ = try await get(client, Self.url)
            let unknown = try await get(client, Self.url)
            #expect(unknown.headers[HTTPField.Name("x-cache")!] == nil, "no position known: passed through")
            #expect(calls.value == 2)
            #expect(cache.usage.entries == 0)

            cache.setPosition(3)
            let first = try await get(client, Self.url)
            #expect(String(buffer: first.body).contains("\"call\":3"))
            cache.setPosition(3)
            #expect(try await get(client, Self.url).headers[HTTPField.Name("x-cache")!] == "hit")

            cache.setPosition(4)
            let moved = try await get(client, Self.url)
            #expect(moved.headers[HTTPField.Name("x-cache")!] == "miss")
            #expect(String(buffer: moved.body).contains("\"call\":4"))
            #expect(moved.headers[.eTag] != first.headers[.eTag])
            // The old ETag no longer matches the answer at the new position.
            let stale = try await get(client, Self.url, [.ifNoneMatch: try #require(first.headers[.eTag])])
            #expect(stale.status == .ok)
        }
    }

    @Test func errorsAndReloadsAreNotServedFromTheCache() async throws {
        let cache = ResponseCache(), calls = Calls()
        cache.setPosition(1)
        try await Self.app(cache: cache, calls: calls).test(.router) { client in
            _ = try await get(client, Self.url)
            let reload = try await get(client, Self.url, [.cacheControl: "no-cache"])
            #expect(reload.headers[HTTPField.Name("x-cache")!] == "miss")
            #expect(String(buffer: reload.body).contains("\"call\":2"))
            // The reload's answer replaced the entry.
            #expect(String(buffer: try await get(client, Self.url).body).contains("\"call\":2"))
            #expect(calls.value == 2)
        }
    }

    @Test func anEntryIsStoredOnlyAtTheNewestPositionAndServedOnlyWhileItIsNewest() {
        let cache = ResponseCache()
        func entry(_ position: Int64) -> ResponseCache.Entry {
            ResponseCache.Entry(status: .ok, headers: [:], body: .init(string: "x"), etag: "\"1-1\"", position: position)
        }
        cache.setPosition(5, of: "a")
        cache.setPosition(3, of: "b")
        #expect(cache.position == 5, "the newest replica's position")
        cache.store(entry(3), for: "k")
        #expect(cache.lookup("k").entry == nil, "an answer of the lagging replica is not kept")
        cache.store(entry(5), for: "k")
        #expect(cache.lookup("k").entry?.position == 5)
        cache.setPosition(4, of: "b")
        #expect(cache.lookup("k").entry?.position == 5, "the lagging replica catching up changes nothing newer")
        #expect(cache.lookup("k", atLeast: 6).entry == nil, "a request for a newer position is not served from here")
        cache.setPosition(6, of: "b")
        #expect(cache.lookup("k").entry == nil, "a newer position drops the entry")
        cache.setPosition(nil, of: "a")
        cache.setPosition(nil, of: "b")
        #expect(cache.lookup("k").isOn == false, "no replica known: nothing stored or served")
    }

    @Test func aMinimumPositionNewerThanTheEntryGoesToTheHeatmap() async throws {
        let cache = ResponseCache(), calls = Calls()
        cache.setPosition(3)
        try await Self.app(cache: cache, calls: calls).test(.router) { client in
            let first = try await get(client, Self.url)
            #expect(first.headers[ReadPosition.positionHeader] == "3")
            let atLeast3 = try await get(client, Self.url, [ReadPosition.minimumHeader: "3"])
            #expect(atLeast3.headers[HTTPField.Name("x-cache")!] == "hit")
            let atLeast4 = try await get(client, Self.url, [ReadPosition.minimumHeader: "4"])
            #expect(atLeast4.headers[HTTPField.Name("x-cache")!] == "miss")
            #expect(calls.value == 2)
        }
    }

    @Test func theCacheIsBoundedByItsBytes() {
        let cache = ResponseCache(maxBytes: 10_000, maxEntryBytes: 5_000)
        cache.setPosition(1)
        for index in 0..<10 {
            cache.store(ResponseCache.Entry(status: .ok, headers: [:], body: .init(string: String(repeating: "y", count: 3_000)),
                                            etag: "\"\(index)\"", position: 1), for: "key\(index)")
        }
        #expect(cache.usage.bytes <= 10_000)
        // Each entry counts its body, its key and the fixed overhead.
        #expect(cache.usage.entries == 10_000 / (3_000 + 4 + ResponseCache.entryOverheadBytes))
        #expect(cache.lookup("key9").entry != nil)
        #expect(cache.lookup("key0").entry == nil)
        cache.store(ResponseCache.Entry(status: .ok, headers: [:], body: .init(string: String(repeating: "z", count: 6_000)), etag: "\"big\"",
                                        position: 1), for: "big")
        #expect(cache.lookup("big").entry == nil)
    }
}
