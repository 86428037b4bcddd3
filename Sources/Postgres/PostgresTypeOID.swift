/// The built-in type OIDs this library decodes (from `pg_type`); other types decode as `String`.
public struct PostgresTypeOID: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let bool = Self(rawValue: 16)
    public static let bytea = Self(rawValue: 17)
    public static let int8 = Self(rawValue: 20)
    public static let int2 = Self(rawValue: 21)
    public static let int4 = Self(rawValue: 23)
    public static let text = Self(rawValue: 25)
    public static let oid = Self(rawValue: 26)
    public static let float4 = Self(rawValue: 700)
    public static let float8 = Self(rawValue: 701)
    public static let varchar = Self(rawValue: 1043)
    public static let date = Self(rawValue: 1082)
    public static let timestamp = Self(rawValue: 1114)
    public static let timestamptz = Self(rawValue: 1184)
    public static let numeric = Self(rawValue: 1700)

    /// Types whose text form is a decimal integer.
    public var isInteger: Bool { self == .int2 || self == .int4 || self == .int8 || self == .oid }
    /// Types whose text form is a decimal number (integers included).
    public var isNumeric: Bool { isInteger || self == .float4 || self == .float8 || self == .numeric }
    /// Types whose text form is a date or timestamp.
    public var isTemporal: Bool { self == .timestamptz || self == .timestamp || self == .date }

    public var description: String {
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
