import Foundation

/// A Swift value that can be bound as a query parameter (`$1`, `$2`, …) or written as a COPY field.
///
/// Parameters are passed as `[(any PostgresBindable)?]`, so literals, variables and optionals mix
/// freely: `["chicago", 2017, nil, someDate, optionalName]`. A `nil` element is SQL NULL.
/// Values are always sent separately from the SQL text: never build SQL from input.
package protocol PostgresBindable: Sendable {
    /// The value in the form sent to the server.
    var postgresValue: PostgresValue { get }
}

/// The parameter list type accepted by `query`: each element is bound to `$1`, `$2`, … in order.
package typealias PostgresParameters = [(any PostgresBindable)?]

extension PostgresValue: PostgresBindable {
    package var postgresValue: PostgresValue { self }
}

extension String: PostgresBindable {
    package var postgresValue: PostgresValue { .text(self) }
}

extension Substring: PostgresBindable {
    package var postgresValue: PostgresValue { .text(String(self)) }
}

extension Int: PostgresBindable {
    package var postgresValue: PostgresValue { .integer(Int64(self)) }
}

extension Int16: PostgresBindable {
    package var postgresValue: PostgresValue { .integer(Int64(self)) }
}

extension Int32: PostgresBindable {
    package var postgresValue: PostgresValue { .integer(Int64(self)) }
}

extension Int64: PostgresBindable {
    package var postgresValue: PostgresValue { .integer(self) }
}

extension Double: PostgresBindable {
    package var postgresValue: PostgresValue { .double(self) }
}

extension Float: PostgresBindable {
    package var postgresValue: PostgresValue { .double(Double(self)) }
}

extension Bool: PostgresBindable {
    package var postgresValue: PostgresValue { .bool(self) }
}

extension Array: PostgresBindable where Element == UInt8 {
    package var postgresValue: PostgresValue { .bytes(self) }
}

extension Date: PostgresBindable {
    package var postgresValue: PostgresValue { .timestamp(self) }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    package var postgresValue: PostgresValue { self?.postgresValue ?? .null }
}
