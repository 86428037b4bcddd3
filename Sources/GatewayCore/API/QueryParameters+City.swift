extension QueryParameters {
    /// The shape of a city slug (`chicago`, `nyc`, `uk-metropolitan`): a lower-case letter, then
    /// lower-case letters, digits and hyphens, at most 64 characters.
    static func isCitySlug(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= 0x61, first <= 0x7A, text.utf8.count <= 64 else { return false }
        return text.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// A city slug (see ``isCitySlug(_:)``), or nil when absent.
    func city(_ name: String = "city") throws(APIError) -> String? {
        guard let text = try string(name, maxLength: 64) else { return nil }
        guard Self.isCitySlug(text) else {
            throw .invalidArgument("'\(name)' must be a city slug such as chicago, nyc or uk-metropolitan, got '\(text.prefix(40))'")
        }
        return text
    }

    /// A required city slug.
    func requiredCity(_ name: String = "city") throws(APIError) -> String {
        guard let city = try city(name) else { throw .invalidArgument("'\(name)' is required") }
        return city
    }
}
