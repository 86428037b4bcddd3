/// Checks of request fields shared by the handlers; failures are INVALID_ARGUMENT with a message.
enum RequestValidation {
    static func city(_ slug: String) throws(IngestError) -> IngestCity {
        guard !slug.isEmpty else {
            throw IngestError.invalidArgument("city is required (one of \(IngestCity.known.joined(separator: ", ")))")
        }
        guard let city = IngestCity(slug: slug) else {
            throw IngestError.invalidArgument("unknown city '\(slug)': expected one of \(IngestCity.known.joined(separator: ", ")) or uk-<force>")
        }
        return city
    }

    /// `requested` when positive (at most `maximum`), else `fallback`; negative is an error.
    static func limit(_ requested: Int32, fallback: Int, maximum: Int, field: String = "limit") throws(IngestError) -> Int {
        guard requested >= 0 else { throw IngestError.invalidArgument("\(field) must not be negative, got \(requested)") }
        return requested == 0 ? fallback : min(Int(requested), maximum)
    }
}
