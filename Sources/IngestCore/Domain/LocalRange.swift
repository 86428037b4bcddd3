import Contracts

/// A validated half-open range [start, end) of a city's local wall-clock time.
struct LocalRange: Sendable, Equatable {
    let start: LocalDateTime
    let end: LocalDateTime

    /// Checks a contract range: present, start before end, both within years 1…9999.
    init(_ range: LocalTimeRange?) throws(IngestError) {
        guard let range else { throw IngestError.invalidArgument("range is required (local seconds [start, end))") }
        guard range.startLocalSeconds < range.endLocalSeconds else {
            throw IngestError.invalidArgument("range start \(range.startLocalSeconds) must be before its end \(range.endLocalSeconds)")
        }
        let start = LocalDateTime(localSeconds: range.startLocalSeconds), end = LocalDateTime(localSeconds: range.endLocalSeconds)
        guard (1...9999).contains(start.year), (1...9999).contains(end.year) else {
            throw IngestError.invalidArgument("range is outside years 1…9999")
        }
        self.start = start
        self.end = end
    }
}
