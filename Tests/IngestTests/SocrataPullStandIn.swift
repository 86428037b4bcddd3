import TestSupport
import Foundation
import HTTPTypes
import Hummingbird
@testable import IngestCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A local stand-in for a SODA 2.0 endpoint on 127.0.0.1 (port 0): serves rows (a Socrata JSON
/// sample, or objects built by a test) at `/resource/<dataset>.json`, in order (as `:id`), filtered
/// by `$where=<cursor column> <comparison> '…'` (`updated_on >` for Chicago, `arrest_date >=` for
/// NYPD arrests) and sliced by `$limit`/`$offset`. Faults can be scripted per offset.
final class SocrataPullStandIn: Sendable {
    /// One scripted answer instead of the page.
    enum Fault: Sendable {
        case status(Int)
        /// 429 with `Retry-After: <seconds>`.
        case tooManyRequests(retryAfterSeconds: Int)
        /// The real page, but only after this long (longer than the client's timeout: a timeout).
        case delay(Duration)
    }

    struct State {
        var queries: [[String: String]] = []
        var faults: [Int: [Fault]] = [:]
        var persistent: [Int: Int] = [:]
        var faultsServed = 0
        /// Scripted delays in progress, ended early once the stand-in stops.
        var delays: [Task<Void, Never>] = []
        var stopping = false
    }

    /// The rows: the cursor column's value and the object serialised.
    let rows: [(cursorValue: String, json: [UInt8])]
    let datasetID: String
    /// `updated_on > '` or `arrest_date >= '`: the only `$where` shape answered.
    private let wherePrefix: String
    private let cursorComparison: String
    private let state = Mutex(State())

    /// Serves `objects` as dataset `datasetID`, filtering on `cursorColumn` with `comparison` (`>` or `>=`).
    init(objects: [[String: Any]], datasetID: String, cursorColumn: String, comparison: String) throws {
        self.datasetID = datasetID
        wherePrefix = "\(cursorColumn) \(comparison) '"
        cursorComparison = comparison
        rows = try objects.map { object in
            (cursorValue: object[cursorColumn] as? String ?? "", json: [UInt8](try JSONSerialization.data(withJSONObject: object)))
        }
    }

    /// Serves the Chicago Socrata JSON sample at `url` as `ijzp-q8t2` (`updated_on >`).
    convenience init(sample url: URL) throws {
        let source = try ByteSources.open(url)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard let objects = try JSONSerialization.jsonObject(with: Data(bytes)) as? [[String: Any]] else {
            throw SharedData.Missing(description: "\(url.path) is not a JSON array of objects")
        }
        try self.init(objects: objects, datasetID: "ijzp-q8t2", cursorColumn: "updated_on", comparison: ">")
    }

    /// The next requests for `offset` get these answers, in order, before the real page.
    func fail(offset: Int, with faults: [Fault]) {
        state.withLock { $0.faults[offset, default: []].append(contentsOf: faults) }
    }

    /// Every request for `offset` gets `status` (or none, with `nil`).
    func failAlways(offset: Int, status: Int?) {
        state.withLock { $0.persistent[offset] = status }
    }

    /// The query parameters of every request so far, in arrival order.
    var queries: [[String: String]] { state.withLock { $0.queries } }

    /// Scripted faults answered so far.
    var faultsServed: Int { state.withLock { $0.faultsServed } }

    /// Forgets the recorded requests.
    func clearQueries() {
        state.withLock { $0.queries.removeAll() }
    }

    /// Answers one request.
    func respond(to request: Request) async -> Response {
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        let offset = query["$offset"].flatMap { Int($0) } ?? 0
        let fault: Fault? = state.withLock { state in
            state.queries.append(query)
            if let status = state.persistent[offset] {
                state.faultsServed += 1
                return .status(status)
            }
            guard var pending = state.faults[offset], !pending.isEmpty else { return nil }
            state.faultsServed += 1
            let first = pending.removeFirst()
            state.faults[offset] = pending
            return first
        }
        switch fault {
        case .status(let status):
            return Self.text(HTTPResponse.Status(code: status), "scripted failure\n")
        case .tooManyRequests(let seconds):
            var response = Self.text(.tooManyRequests, "slow down\n")
            if let name = HTTPField.Name("Retry-After") { response.headers[name] = String(seconds) }
            return response
        case .delay(let duration):
            let sleeper = Task { _ = try? await Task.sleep(for: duration) }
            if state.withLock({ $0.delays.append(sleeper); return $0.stopping }) { sleeper.cancel() }
            await sleeper.value
        case nil:
            break
        }
        guard let limit = query["$limit"].flatMap({ Int($0) }), limit > 0 else {
            return Self.text(.badRequest, "$limit is required\n")
        }
        guard query["$order"] == ":id", offset >= 0 else { return Self.text(.badRequest, "$order must be :id\n") }
        var selected = rows[...]
        if let clause = query["$where"] {
            guard clause.hasPrefix(wherePrefix), clause.hasSuffix("'"), clause.count > wherePrefix.count else {
                return Self.text(.badRequest, "unsupported $where \(clause)\n")
            }
            let cursor = String(clause.dropFirst(wherePrefix.count).dropLast())
            let inclusive = cursorComparison == ">="
            selected = selected.filter { inclusive ? $0.cursorValue >= cursor : $0.cursorValue > cursor }[...]
        }
        let page = selected.dropFirst(offset).prefix(limit)
        var body: [UInt8] = [UInt8(ascii: "[")]
        for (index, row) in page.enumerated() {
            body.append(contentsOf: index == 0 ? Array("\n".utf8) : Array(",\n".utf8))
            body.append(contentsOf: row.json)
        }
        body.append(contentsOf: Array("\n]\n".utf8))
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Serves the stand-in for `body`, passing the endpoint URL.
    ///
    /// It stops with a graceful shutdown, never by cancelling the server's task: a connection
    /// accepted while the serving task is cancelled is never handed to Hummingbird, and NIO traps
    /// ("Deinited NIOAsyncWriter without calling finish()", apple/swift-nio#3481), which crashed
    /// the whole test process when a client retried just as a test ended.
    func serve<T: Sendable>(_ body: (URL) async throws -> T) async throws -> T {
        state.withLock { state in
            state.stopping = false
            state.delays.removeAll()
        }
        let router = Router()
        router.get("resource/\(datasetID).json") { request, _ -> Response in await self.respond(to: request) }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let quiet = Logger(label: "socrata-stand-in") { _ in SwiftLogNoOpLogHandler() }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in
                                  portContinuation.yield(channel.localAddress?.port ?? 0)
                                  portContinuation.finish()
                              },
                              logger: quiet)
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quiet))
        let running = Task {
            defer { portContinuation.finish() }
            try await services.run()
        }
        var port = 0
        for await bound in ports { port = bound }
        do {
            guard port > 0, let url = URL(string: "http://127.0.0.1:\(port)/resource/\(datasetID).json") else {
                throw SharedData.Missing(description: "the stand-in SODA server did not start: \(await running.result)")
            }
            let value = try await body(url)
            await stop(services, running)
            return value
        } catch {
            await stop(services, running)
            throw error
        }
    }

    /// Ends scripted delays (so the shutdown does not wait them out), shuts the server down
    /// gracefully and waits until it has.
    private func stop(_ services: ServiceGroup, _ running: Task<Void, any Error>) async {
        let delays = state.withLock { state in
            state.stopping = true
            return state.delays
        }
        for delay in delays { delay.cancel() }
        await services.triggerGracefulShutdown()
        _ = await running.result
    }
}
