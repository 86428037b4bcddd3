#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 tokenizer over bytes: quoted fields with commas and doubled quotes,
/// CRLF or LF line ends, newlines inside quotes, an optional UTF-8 byte-order mark.
///
/// It holds one chunk plus the unfinished record (bounded memory) and hands each record to a
/// callback as a borrowed ``CSVRow`` with its starting line number, so no per-row arrays are
/// allocated. Malformed quoting never throws: the row arrives with a ``CSVRow/malformation``.
/// An unterminated quote at end of input is resolved by handing its first physical line over
/// as the malformed row and tokenizing again from the next line, so one stray quote costs one
/// line, not the rest of the file. A lone CR (not before LF) is kept as data.
final class CSVReader {
    private let source: any ByteSource
    private let chunkSize: Int
    private let maxRecordBytes: Int
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var spans: UnsafeMutablePointer<CSVFieldSpan>
    private var spanCapacity = 64
    private var spanCount = 0
    private var lineFeedsBeforeCursor = 0
    private var sawAnyByte = false
    private var lastByteWasLineFeed = false

    /// Physical lines read so far (a last line without a terminator counts).
    var linesRead: Int { lineFeedsBeforeCursor + (sawAnyByte && !lastByteWasLineFeed ? 1 : 0) }

    /// - Parameters:
    ///   - chunkSize: bytes asked of the source per read.
    ///   - maxRecordBytes: a record longer than this throws (``SourceParseError/Code/malformedContainer``)
    ///     instead of growing the buffer without bound.
    init(source: any ByteSource, chunkSize: Int = 1 << 20, maxRecordBytes: Int = 64 << 20) {
        self.source = source
        self.chunkSize = max(16, chunkSize)
        self.maxRecordBytes = maxRecordBytes
        self.capacity = self.chunkSize * 2
        self.storage = .allocate(capacity: capacity)
        self.spans = .allocate(capacity: spanCapacity)
    }

    deinit {
        storage.deallocate()
        spans.deallocate()
    }

    /// Reads to the end of input, calling `body` once per record (the header is the first).
    func forEachRow(_ body: (CSVRow) throws -> Void) throws {
        var filled = 0
        var cursor = 0
        var endOfInput = false
        var checkedByteOrderMark = false
        while true {
            if !endOfInput {
                if cursor > 0 {
                    memmove(storage, storage + cursor, filled - cursor)
                    filled -= cursor
                    cursor = 0
                }
                if capacity - filled < chunkSize { try grow(minimum: filled + chunkSize) }
                let count = try source.read(into: UnsafeMutableRawBufferPointer(start: storage + filled, count: chunkSize))
                if count == 0 {
                    endOfInput = true
                } else {
                    sawAnyByte = true
                    lastByteWasLineFeed = storage[filled + count - 1] == ASCII.lineFeed
                    filled += count
                }
                if !checkedByteOrderMark, filled >= 3 || endOfInput {
                    checkedByteOrderMark = true
                    if filled >= 3, storage[0] == 0xEF, storage[1] == 0xBB, storage[2] == 0xBF { cursor = 3 }
                }
                if !checkedByteOrderMark { continue }
            }
            while cursor < filled {
                let start = cursor
                switch scan(from: start, to: filled, endOfInput: endOfInput) {
                case .needMore:
                    if filled - start > maxRecordBytes {
                        throw SourceParseError(.malformedContainer, lineNumber: lineFeedsBeforeCursor + 1,
                                               "CSV record longer than \(maxRecordBytes) bytes (unterminated quote?)")
                    }
                case let .complete(recordEnd, next, lineFeeds, malformation):
                    try emit(start: start, end: recordEnd, malformation: malformation, body)
                    lineFeedsBeforeCursor += lineFeeds
                    cursor = next
                    continue
                case .unterminated:
                    var lineEnd = start
                    while lineEnd < filled, storage[lineEnd] != ASCII.lineFeed { lineEnd += 1 }
                    let next = lineEnd < filled ? lineEnd + 1 : lineEnd
                    let textEnd = lineEnd > start && storage[lineEnd - 1] == ASCII.carriageReturn ? lineEnd - 1 : lineEnd
                    spanCount = 0
                    try emit(start: start, end: textEnd, malformation: .unterminatedQuote(limitBytes: nil), body)
                    lineFeedsBeforeCursor += lineEnd < filled ? 1 : 0
                    cursor = next
                    continue
                }
                break
            }
            if endOfInput && cursor >= filled { return }
        }
    }

    private func emit(start: Int, end: Int, malformation: CSVMalformation?, _ body: (CSVRow) throws -> Void) throws {
        let row = CSVRow(
            lineNumber: lineFeedsBeforeCursor + 1,
            malformation: malformation,
            raw: UnsafeBufferPointer(start: storage + start, count: end - start),
            spans: UnsafeBufferPointer(start: spans, count: spanCount),
            base: UnsafePointer(storage)
        )
        try body(row)
    }

    private func grow(minimum: Int) throws {
        var newCapacity = capacity
        while newCapacity < minimum { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: capacity)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    private enum ScanResult {
        case needMore
        case unterminated
        case complete(recordEnd: Int, next: Int, lineFeeds: Int, malformation: CSVMalformation?)
    }

    @inline(__always)
    private func appendSpan(_ start: Int, _ end: Int, _ escaped: Bool) {
        if spanCount == spanCapacity {
            let bigger = UnsafeMutablePointer<CSVFieldSpan>.allocate(capacity: spanCapacity * 2)
            bigger.moveInitialize(from: spans, count: spanCount)
            spans.deallocate()
            spans = bigger
            spanCapacity *= 2
        }
        (spans + spanCount).initialize(to: CSVFieldSpan(start: start, end: end, hasEscapedQuotes: escaped))
        spanCount += 1
    }

    /// Finds the record starting at `start`; re-run from the record start after more input arrives.
    private func scan(from start: Int, to end: Int, endOfInput: Bool) -> ScanResult {
        let bytes = storage
        spanCount = 0
        var index = start
        var lineFeeds = 0
        var malformation: CSVMalformation?
        while true {
            if index < end, bytes[index] == ASCII.quote {
                index += 1
                let contentStart = index
                var escaped = false
                var closed = false
                while index < end {
                    let byte = bytes[index]
                    if byte == ASCII.quote {
                        if index + 1 < end {
                            if bytes[index + 1] == ASCII.quote {
                                escaped = true
                                index += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if !endOfInput { return .needMore }
                        closed = true
                        break
                    }
                    if byte == ASCII.lineFeed { lineFeeds += 1 }
                    index += 1
                }
                guard closed else { return endOfInput ? .unterminated : .needMore }
                let contentEnd = index
                index += 1
                if index < end, bytes[index] != ASCII.comma, bytes[index] != ASCII.lineFeed,
                   !(bytes[index] == ASCII.carriageReturn && (index + 1 == end || bytes[index + 1] == ASCII.lineFeed)) {
                    if malformation == nil { malformation = .textAfterClosingQuote(field: spanCount) }
                    while index < end, bytes[index] != ASCII.comma, bytes[index] != ASCII.lineFeed { index += 1 }
                    if index == end && !endOfInput { return .needMore }
                    appendSpan(contentStart, index, escaped)
                } else {
                    appendSpan(contentStart, contentEnd, escaped)
                }
            } else {
                let fieldStart = index
                while index < end {
                    let byte = bytes[index]
                    if byte == ASCII.comma || byte == ASCII.lineFeed { break }
                    if byte == ASCII.carriageReturn {
                        if index + 1 < end {
                            if bytes[index + 1] == ASCII.lineFeed { break }
                        } else if endOfInput {
                            break
                        } else {
                            return .needMore
                        }
                    }
                    index += 1
                }
                if index == end && !endOfInput { return .needMore }
                appendSpan(fieldStart, index, false)
            }
            guard index < end else {
                return .complete(recordEnd: index, next: index, lineFeeds: lineFeeds, malformation: malformation)
            }
            switch bytes[index] {
            case ASCII.comma:
                index += 1
            case ASCII.lineFeed:
                return .complete(recordEnd: index, next: index + 1, lineFeeds: lineFeeds + 1, malformation: malformation)
            default:
                // CR: before LF, or the last byte of the input.
                if index + 1 < end {
                    return .complete(recordEnd: index, next: index + 2, lineFeeds: lineFeeds + 1, malformation: malformation)
                }
                if !endOfInput { return .needMore }
                return .complete(recordEnd: index, next: index + 1, lineFeeds: lineFeeds, malformation: malformation)
            }
        }
    }
}
