import Contracts

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

    /// The consumer named by a PullOutbox request (`nil` when unnamed) after checking its
    /// acknowledgement: not negative and not past `after_position` (nothing after it was read yet).
    static func outboxConsumer(_ request: PullOutboxRequest) throws(IngestError) -> String? {
        guard !request.consumer.isEmpty else {
            guard request.acknowledgedPosition == 0 else {
                throw IngestError.invalidArgument("acknowledged_position needs a consumer name")
            }
            return nil
        }
        guard request.consumer.utf8.count <= 64, request.consumer.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
            throw IngestError.invalidArgument("consumer must be 1 to 64 bytes without spaces or control characters")
        }
        guard request.acknowledgedPosition >= 0, request.acknowledgedPosition <= request.afterPosition else {
            throw IngestError.invalidArgument(
                "acknowledged_position (\(request.acknowledgedPosition)) must be between 0 and after_position (\(request.afterPosition))")
        }
        return request.consumer
    }
}
