import Foundation

/// A Swift value that can be bound as a query parameter (`$1`, `$2`, …) or written as a COPY field.
///
/// Parameters are passed as `[(any PostgresBindable)?]`, so literals, variables and optionals mix
/// freely: `["chicago", 2017, nil, someDate, optionalName]`. A `nil` element is SQL NULL.
/// Values are always sent separately from the SQL text: never build SQL from input.
public protocol PostgresBindable: Sendable {
    /// The value in the form sent to the server.
    var postgresValue: PostgresValue { get }
}

/// The parameter list type accepted by `query`: each element is bound to `$1`, `$2`, … in order.
public typealias PostgresParameters = [(any PostgresBindable)?]

extension PostgresValue: PostgresBindable {
    public var postgresValue: PostgresValue { self }
}

extension String: PostgresBindable {
    public var postgresValue: PostgresValue { .text(self) }
}

extension Substring: PostgresBindable {
    public var postgresValue: PostgresValue { .text(String(self)) }
}

extension Int: PostgresBindable {
    public var postgresValue: PostgresValue { .integer(Int64(self)) }
}

extension Int16: PostgresBindable {
    public var postgresValue: PostgresValue { .integer(Int64(self)) }
}

extension Int32: PostgresBindable {
    public var postgresValue: PostgresValue { .integer(Int64(self)) }
}

extension Int64: PostgresBindable {
    public var postgresValue: PostgresValue { .integer(self) }
}

extension Double: PostgresBindable {
    public var postgresValue: PostgresValue { .double(self) }
}

extension Float: PostgresBindable {
    public var postgresValue: PostgresValue { .double(Double(self)) }
}

extension Bool: PostgresBindable {
    public var postgresValue: PostgresValue { .bool(self) }
}

extension Array: PostgresBindable where Element == UInt8 {
    public var postgresValue: PostgresValue { .bytes(self) }
}

extension Date: PostgresBindable {
    public var postgresValue: PostgresValue { .timestamp(self) }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    public var postgresValue: PostgresValue { self?.postgresValue ?? .null }
}
