/// The built-in type OIDs this library decodes (from `pg_type`); other types decode as `String`.
package struct PostgresTypeOID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    package var rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue }

    package static let bool = Self(rawValue: 16)
    package static let bytea = Self(rawValue: 17)
    static let int8 = Self(rawValue: 20)
    static let int2 = Self(rawValue: 21)
    static let int4 = Self(rawValue: 23)
    package static let text = Self(rawValue: 25)
    package static let oid = Self(rawValue: 26)
    static let float4 = Self(rawValue: 700)
    package static let float8 = Self(rawValue: 701)
    static let varchar = Self(rawValue: 1043)
    package static let date = Self(rawValue: 1082)
    package static let timestamp = Self(rawValue: 1114)
    static let timestamptz = Self(rawValue: 1184)
    static let numeric = Self(rawValue: 1700)

    /// Types whose text form is a decimal integer.
    var isInteger: Bool { self == .int2 || self == .int4 || self == .int8 || self == .oid }
    /// Types whose text form is a decimal number (integers included).
    var isNumeric: Bool { isInteger || self == .float4 || self == .float8 || self == .numeric }
    /// Types whose text form is a date or timestamp.
    var isTemporal: Bool { self == .timestamptz || self == .timestamp || self == .date }

    package var description: String {
        switch self {
        case .bool: "bool"
        case .bytea: "bytea"
        case .int8: "int8"
        case .int2: "int2"
        case .int4: "int4"
        case .text: "text"
        case .oid: "oid"
        case .float4: "float4"
        case .float8: "float8"
        case .varchar: "varchar"
        case .date: "date"
        case .timestamp: "timestamp"
        case .timestamptz: "timestamptz"
        case .numeric: "numeric"
        default: "oid \(rawValue)"
        }
    }
}
