import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id (the caller's `x-request-id` when it is sane, else a new one),
/// adds it to the request's logger and echoes it in the response.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    init() {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let offered = request.headers[.requestID]
        let id = offered.flatMap { Self.isSane($0) ? $0 : nil } ?? Self.newID()
        context.requestID = id
        context.logger[metadataKey: "request-id"] = .string(id)
        do {
            var response = try await next(request, context)
            response.headers[.requestID] = id
            return response
        } catch let error as any HTTPResponseError {
            var response = try error.response(from: request, context: context)
            response.headers[.requestID] = id
            return response
        }
    }

    static func isSane(_ value: String) -> Bool {
        !value.isEmpty && value.count <= 128 && value.utf8.allSatisfy { $0 > 32 && $0 < 127 }
    }

    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
    }
}

extension HTTPField.Name {
    static let requestID = Self("x-request-id")!
}
