import Hummingbird

/// Strict reading of a request's query string: unknown names, repeated names, non-integers
/// and out-of-range values are `400 INVALID_ARGUMENT` before any backend is called.
struct QueryParameters: Sendable {
    private var values: [String: String]

    /// Reads the query of `request`, refusing names outside `allowed` and repeated names.
    init(_ request: Request, allowed: Set<String>) throws(APIError) {
        try self.init(pairs: request.uri.queryParameters.map { (String($0.key), String($0.value)) }, allowed: allowed)
    }

    /// Reads already split `name=value` pairs (percent-decoding is the caller's).
    init(pairs: [(String, String)], allowed: Set<String>) throws(APIError) {
        var values: [String: String] = [:]
        for (name, value) in pairs {
            guard allowed.contains(name) else {
                throw .invalidArgument("unknown query parameter '\(name)'; allowed: \(allowed.sorted().joined(separator: ", "))")
            }
            guard values[name] == nil else { throw .invalidArgument("query parameter '\(name)' is given more than once") }
            values[name] = value
        }
        self.values = values
    }

    /// A non-empty string of at most `maxLength` printable characters, or nil when absent.
    func string(_ name: String, maxLength: Int = 100) throws(APIError) -> String? {
        guard let value = values[name] else { return nil }
        guard !value.isEmpty else { throw .invalidArgument("'\(name)' is empty") }
        guard value.count <= maxLength else { throw .invalidArgument("'\(name)' is longer than \(maxLength) characters") }
        guard value.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value != 127 }) else {
            throw .invalidArgument("'\(name)' contains control characters")
        }
        return value
    }

    /// A required string (see ``string(_:maxLength:)``).
    func requiredString(_ name: String, maxLength: Int = 100) throws(APIError) -> String {
        guard let value = try string(name, maxLength: maxLength) else { throw .invalidArgument("'\(name)' is required") }
        return value
    }

    /// A decimal integer in `range` (optional sign, digits only), or nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Self.strictInteger(text) else {
            throw .invalidArgument("'\(name)' must be an integer, got '\(text.prefix(40))'")
        }
        guard range.contains(value) else {
            throw .invalidArgument("'\(name)' must be \(range.lowerBound)-\(range.upperBound), got \(value)")
        }
        return value
    }

    static func strictInteger(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.count <= 12, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }
}
