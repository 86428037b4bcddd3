/// One CSV record as the tokenizer found it: where it starts, its fields and its raw text.
///
/// A borrowed view into the reader's buffer: valid only inside the ``CSVReader/forEachRow(_:)``
/// callback. Copy out what you keep (``CSVField/string``, ``rawText``).
package struct CSVRow {
    /// Physical line of the record's first byte (the header is line 1).
    package let lineNumber: Int
    /// The problem the tokenizer found, if any (an unterminated quote, text after a closing quote).
    let malformation: CSVMalformation?
    let raw: UnsafeBufferPointer<UInt8>
    let spans: UnsafeBufferPointer<CSVFieldSpan>
    let base: UnsafePointer<UInt8>

    var fieldCount: Int { spans.count }

    /// The field at `index` (0-based); `index` must be below ``fieldCount``.
    package func field(_ index: Int) -> CSVField {
        let span = spans[index]
        return CSVField(bytes: UnsafeBufferPointer(start: base + span.start, count: span.end - span.start),
                        hasEscapedQuotes: span.hasEscapedQuotes)
    }

    /// The record as written, without its line terminator (embedded newlines kept).
    package var rawText: String { String(decoding: raw, as: UTF8.self) }

    /// The record's bytes, without its line terminator.
    var rawBytes: UnsafeBufferPointer<UInt8> { raw }

    /// True for an empty line (one empty field and no bytes).
    var isBlankLine: Bool { raw.isEmpty && malformation == nil }
}

/// What was wrong with a record's quoting. The row is still delivered so it can be rejected with its line.
enum CSVMalformation: Sendable, Equatable, CustomStringConvertible {
    /// A quoted field never closed before the end of input (or before the record size limit).
    case unterminatedQuote(limitBytes: Int?)
    /// Bytes follow a closing quote before the next comma or line end, in the given 0-based field.
    case textAfterClosingQuote(field: Int)

    var description: String {
        switch self {
        case .unterminatedQuote(nil): "unterminated quoted field (input ends inside quotes)"
        case .unterminatedQuote(let limit?): "unterminated quoted field (no closing quote within \(limit) bytes)"
        case .textAfterClosingQuote(let field): "text after closing quote in field \(field + 1)"
        }
    }
}

/// Where a field's content lies in the reader's buffer.
struct CSVFieldSpan {
    var start: Int
    var end: Int
    var hasEscapedQuotes: Bool
}
