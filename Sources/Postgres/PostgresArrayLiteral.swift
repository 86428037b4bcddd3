/// Array literals for one text parameter (`$1::text[]`, `$1::float8[]`): a whole column of values
/// in one bound parameter, for `unnest` or `= ANY`, without a statement per value.
package enum PostgresArrayLiteral {
    /// `{"a","b\"c",NULL}`: every element quoted, `"` and `\` escaped, NUL bytes dropped (text cannot hold them).
    package static func text<Texts: Sequence>(_ values: Texts) -> String where Texts.Element == String? {
        var literal: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        for value in values {
            if !first { literal.append(UInt8(ascii: ",")) }
            first = false
            guard var value else {
                literal.append(contentsOf: "NULL".utf8)
                continue
            }
            literal.append(UInt8(ascii: "\""))
            value.withUTF8 { bytes in
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                        literal.append(UInt8(ascii: "\\"))
                        literal.append(byte)
                    case 0: break
                    default: literal.append(byte)
                    }
                }
            }
            literal.append(UInt8(ascii: "\""))
        }
        literal.append(UInt8(ascii: "}"))
        return String(decoding: literal, as: UTF8.self)
    }

    /// `{1.5,NULL}`: each double in its shortest text that reads back to the same bits; nil or not finite → NULL.
    package static func doubles<Doubles: Sequence>(_ values: Doubles) -> String where Doubles.Element == Double? {
        var literal = "{"
        var first = true
        for value in values {
            if !first { literal += "," }
            first = false
            if let value, value.isFinite { literal += value.description } else { literal += "NULL" }
        }
        return literal + "}"
    }
}
