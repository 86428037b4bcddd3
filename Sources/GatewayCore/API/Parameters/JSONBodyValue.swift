/// One member value of a JSON request body, as decoded (booleans stay apart from numbers).
package enum JSONBodyValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONBodyValue])
    case object([String: JSONBodyValue])

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONBodyValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONBodyValue].self))
        }
    }
}
