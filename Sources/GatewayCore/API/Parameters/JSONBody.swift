import Foundation
import Hummingbird

/// A write request's JSON object body, read strictly: at most ``maximumBytes``, an object,
/// only the allowed member names, and typed getters that name the member in their 400s.
package struct JSONBody: Sendable {
    /// The largest body accepted.
    static let maximumBytes = 64 * 1024

    private let members: [String: JSONBodyValue]

    /// Reads `request`'s body.
    package static func read(_ request: Request, allowed: Set<String>) async throws(APIError) -> JSONBody {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw .invalidArgument("the body must be JSON with Content-Type: application/json")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            throw .invalidArgument("the body is larger than \(maximumBytes) bytes")
        }
        return try JSONBody(Data(buffer.readableBytesView), allowed: allowed)
    }

    /// Parses `data` as a JSON object with member names from `allowed`.
    package init(_ data: Data, allowed: Set<String>) throws(APIError) {
        guard let members = try? JSONDecoder().decode([String: JSONBodyValue].self, from: data) else {
            throw .invalidArgument("the body must be a JSON object")
        }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw .invalidArgument("unknown member '\(unknown.prefix(40))'; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
        self.members = members
    }

    /// A non-empty string member of at most `maxLength` characters, or nil when absent.
    package func string(_ name: String, maxLength: Int = 100) throws(APIError) -> String? {
        guard let value = members[name], value != .null else { return nil }
        guard case .string(let text) = value else { throw .invalidArgument("'\(name)' must be a string") }
        guard !text.isEmpty, text.count <= maxLength else { throw .invalidArgument("'\(name)' must be 1-\(maxLength) characters") }
        guard text.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value != 127 }) else {
            throw .invalidArgument("'\(name)' contains control characters")
        }
        return text
    }

    /// A required string member.
    func requiredString(_ name: String, maxLength: Int = 100) throws(APIError) -> String {
        guard let text = try string(name, maxLength: maxLength) else { throw .invalidArgument("'\(name)' is required") }
        return text
    }

    /// A required city slug member (see ``QueryParameters/isCitySlug(_:)``).
    func requiredCity(_ name: String = "city") throws(APIError) -> String {
        let city = try requiredString(name, maxLength: 64)
        guard QueryParameters.isCitySlug(city) else {
            throw .invalidArgument("'\(name)' must be a city slug such as chicago, nyc or uk-metropolitan, got '\(city.prefix(40))'")
        }
        return city
    }

    /// A boolean member, or nil when absent.
    package func bool(_ name: String) throws(APIError) -> Bool? {
        guard let value = members[name], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw .invalidArgument("'\(name)' must be true or false") }
        return flag
    }

    /// An array of strings, or nil when absent.
    func strings(_ name: String, maxCount: Int = 20) throws(APIError) -> [String]? {
        guard let value = members[name], value != .null else { return nil }
        let failure = APIError.invalidArgument("'\(name)' must be an array of at most \(maxCount) strings")
        guard case .array(let items) = value, items.count <= maxCount else { throw failure }
        var texts: [String] = []
        for item in items {
            guard case .string(let text) = item else { throw failure }
            texts.append(text)
        }
        return texts
    }
}
