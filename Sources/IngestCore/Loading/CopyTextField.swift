/// Text COPY fields (the rejects' and notes' rows, the area staging): text with text COPY's
/// escapes, NUL bytes dropped, nil as `\N`.
enum CopyTextField {
    static func append(_ text: String?, to buffer: inout [UInt8]) {
        guard var text else {
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "N"))
            return
        }
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
