/// A gRPC status code: the outcome of a call as carried in a response envelope.
///
/// A struct with static members rather than an enum (as in grpc-swift 2), so that a code number
/// this build does not know still round-trips instead of being lost.
package struct StatusCode: Hashable, Sendable, CustomStringConvertible {
    /// The gRPC code number (0...16 for the known codes).
    package let rawValue: Int32

    /// A code from its gRPC number; unknown numbers are kept as they are.
    package init(rawValue: Int32) { self.rawValue = rawValue }

    /// The call succeeded.
    package static let ok = StatusCode(rawValue: 0)
    /// The call was cancelled, typically by the caller.
    package static let cancelled = StatusCode(rawValue: 1)
    /// An error with no better code.
    package static let unknown = StatusCode(rawValue: 2)
    /// The caller sent an invalid argument.
    package static let invalidArgument = StatusCode(rawValue: 3)
    /// The deadline passed before the call completed.
    package static let deadlineExceeded = StatusCode(rawValue: 4)
    /// A requested entity was not found.
    package static let notFound = StatusCode(rawValue: 5)
    /// The entity the caller tried to create already exists.
    package static let alreadyExists = StatusCode(rawValue: 6)
    /// The caller may not do this.
    package static let permissionDenied = StatusCode(rawValue: 7)
    /// A resource (quota, frame size, memory) is exhausted.
    package static let resourceExhausted = StatusCode(rawValue: 8)
    /// The system is not in a state required for the call.
    package static let failedPrecondition = StatusCode(rawValue: 9)
    /// The call was aborted, typically by a concurrency conflict.
    package static let aborted = StatusCode(rawValue: 10)
    /// An argument was out of the valid range.
    package static let outOfRange = StatusCode(rawValue: 11)
    /// The method is not implemented by the server.
    package static let unimplemented = StatusCode(rawValue: 12)
    /// An invariant of the server or the wire was broken.
    package static let internalError = StatusCode(rawValue: 13)
    /// The service is unavailable right now (connection failed, shutting down); retrying may help.
    package static let unavailable = StatusCode(rawValue: 14)
    /// Unrecoverable data loss or corruption.
    static let dataLoss = StatusCode(rawValue: 15)
    /// The caller is not authenticated.
    package static let unauthenticated = StatusCode(rawValue: 16)

    /// All 17 codes gRPC defines, in number order.
    static let allKnown: [StatusCode] = (0...16).map { StatusCode(rawValue: $0) }

    private static let names = [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
        "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
        "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ]

    /// gRPC's name of the code, e.g. `INVALID_ARGUMENT`; `CODE_<n>` for unknown numbers.
    package var name: String {
        if rawValue >= 0, Int(rawValue) < Self.names.count { return Self.names[Int(rawValue)] }
        return "CODE_\(rawValue)"
    }

    package var description: String { name }
}
