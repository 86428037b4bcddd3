/// Encodes rows in `COPY … FROM STDIN` text format: fields separated by tabs, rows ended by a
/// newline, `\N` for NULL, and backslash, tab, newline and carriage return escaped. NUL bytes are
/// dropped: PostgreSQL text cannot hold them, and one would fail the whole COPY.
package enum CopyTextEncoder {
    /// Appends one row (fields in column order) to `buffer`.
    static func appendRow(_ values: PostgresParameters, to buffer: inout [UInt8]) {
        for (position, value) in values.enumerated() {
            if position > 0 { buffer.append(UInt8(ascii: "\t")) }
            appendField(value?.postgresValue ?? .null, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Appends one escaped field (no separator) to `buffer`.
    static func appendField(_ value: PostgresValue, to buffer: inout [UInt8]) {
        switch value {
        case .null:
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "N"))
        case .integer(let number):
            buffer.append(contentsOf: String(number).utf8)
        default:
            appendEscaped(value.textEncoded ?? "", to: &buffer)
        }
    }

    /// Appends one text field: `text` escaped, or `\N` for nil.
    package static func appendText(_ text: String?, to buffer: inout [UInt8]) {
        guard let text else {
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "N"))
            return
        }
        appendEscaped(text, to: &buffer)
    }

    /// Appends `text` with COPY's backslash escapes applied (NUL bytes dropped).
    static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
                case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
                case 0: break
                default: buffer.append(byte)
                }
            }
        }
    }
}
