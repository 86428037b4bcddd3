/// Streams the elements of one JSON array — the root array (`[ {...}, {...} ]`, Socrata) or the
/// array under a key of the root object (`{"features": [ ... ]}`, GeoJSON) — as raw byte slices,
/// each with the line it starts on.
///
/// Only the structure is scanned (strings, escapes, nesting); each element is parsed by the caller,
/// so memory holds one chunk plus one element. An element cut off by the end of input is still
/// handed over, flagged `truncated`, so the caller can reject it with its line.
final class JSONArrayElementReader {
    /// Where the array is.
    enum Location: Equatable {
        case rootArray
        case rootMember(String)
    }

    private let source: any ByteSource
    private let location: Location
    private let chunkSize: Int
    private(set) var linesRead = 0
    /// True when the input ended before the array's closing `]`.
    private(set) var endedInsideArray = false

    init(source: any ByteSource, location: Location, chunkSize: Int = 1 << 16) {
        self.source = source
        self.location = location
        self.chunkSize = max(1, chunkSize)
    }

    private enum Phase { case seekingRoot, seekingArray, inArray, afterArray }

    /// Calls `body(bytes, lineNumber, truncated)` for every element, in order.
    func forEachElement(_ body: (UnsafeBufferPointer<UInt8>, Int, Bool) throws -> Void) throws {
        var phase = Phase.seekingRoot
        var depth = 0
        var arrayDepth = 0
        var inString = false
        var escaped = false
        var stringBytes: [UInt8] = []
        var lastRootKey: [UInt8]?
        var pendingRootKey: [UInt8]?
        var element: [UInt8] = []
        var elementLine = 0
        var line = 1
        var sawByte = false
        var lastWasLineFeed = false
        let wantedKey = { if case .rootMember(let key) = location { return Array(key.utf8) } else { return [] } }()
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { chunk.deallocate() }

        func emit(truncated: Bool) throws {
            while let last = element.last, Self.isWhitespace(last) { element.removeLast() }
            if !element.isEmpty {
                try element.withUnsafeBufferPointer { try body($0, elementLine, truncated) }
            }
            element.removeAll(keepingCapacity: true)
        }

        while true {
            let count = try source.read(into: chunk)
            if count == 0 { break }
            sawByte = true
            for byte in UnsafeRawBufferPointer(rebasing: chunk[0..<count]) {
                lastWasLineFeed = byte == ASCII.lineFeed
                if byte == ASCII.lineFeed { line += 1 }
                if phase == .inArray && depth >= arrayDepth && !(depth == arrayDepth && !inString && (byte == ASCII.comma || byte == UInt8(ascii: "]"))) {
                    if element.isEmpty {
                        if Self.isWhitespace(byte) { continue }
                        elementLine = line
                    }
                    element.append(byte)
                }
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == ASCII.backslash {
                        escaped = true
                    } else if byte == ASCII.quote {
                        inString = false
                        if phase == .seekingArray && depth == 1 { lastRootKey = stringBytes }
                    } else if phase == .seekingArray && depth == 1 {
                        stringBytes.append(byte)
                    }
                    continue
                }
                if Self.isWhitespace(byte) { continue }
                switch phase {
                case .seekingRoot:
                    switch (location, byte) {
                    case (.rootArray, UInt8(ascii: "[")):
                        phase = .inArray
                        depth = 1
                        arrayDepth = 1
                    case (.rootMember, UInt8(ascii: "{")):
                        phase = .seekingArray
                        depth = 1
                    default:
                        let expected = location == .rootArray ? "a JSON array" : "a JSON object"
                        throw SourceParseError(.malformedContainer, lineNumber: line,
                                               "expected \(expected), found '\(Character(Unicode.Scalar(byte)))'")
                    }
                    continue
                case .seekingArray:
                    if depth == 1, let key = pendingRootKey {
                        pendingRootKey = nil
                        if key == wantedKey && byte == UInt8(ascii: "[") {
                            phase = .inArray
                            depth = 2
                            arrayDepth = 2
                            continue
                        }
                    }
                    if depth == 1 && byte == ASCII.colon {
                        pendingRootKey = lastRootKey
                        continue
                    }
                    if byte == ASCII.quote {
                        inString = true
                        stringBytes.removeAll(keepingCapacity: true)
                        continue
                    }
                case .inArray:
                    if depth == arrayDepth && byte == ASCII.comma {
                        try emit(truncated: false)
                        continue
                    }
                    if depth == arrayDepth && byte == UInt8(ascii: "]") {
                        try emit(truncated: false)
                        phase = .afterArray
                        depth -= 1
                        continue
                    }
                    if byte == ASCII.quote {
                        inString = true
                        continue
                    }
                case .afterArray:
                    if byte == ASCII.quote {
                        inString = true
                        continue
                    }
                }
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { depth -= 1 }
            }
        }
        linesRead = sawByte ? line - (lastWasLineFeed ? 1 : 0) : 0
        switch phase {
        case .seekingRoot:
            throw SourceParseError(sawByte ? .malformedContainer : .emptyInput, lineNumber: line,
                                   sawByte ? "no JSON value found" : "empty input")
        case .seekingArray:
            throw SourceParseError(.malformedContainer, lineNumber: line, "root object has no \"\(String(decoding: wantedKey, as: UTF8.self))\" array")
        case .inArray:
            endedInsideArray = true
            try emit(truncated: inString || depth != arrayDepth)
        case .afterArray:
            break
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.lineFeed || byte == ASCII.carriageReturn || byte == ASCII.tab
    }
}
