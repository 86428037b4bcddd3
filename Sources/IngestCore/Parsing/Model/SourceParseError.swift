/// Why a whole source could not be parsed (as opposed to a single row, which becomes a ``RejectedRow``).
struct SourceParseError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        /// The input has no bytes, hence no header.
        case emptyInput
        /// The header lacks columns the parser needs.
        case missingColumns
        /// The bytes are not the expected container (no JSON array, no `features`).
        case malformedContainer
        /// The file could not be opened or read.
        case unreadable
        /// `gzip -dc` / `xz -dc` failed (corrupt or truncated archive).
        case decompressionFailed
    }

    var code: Code
    /// Line the problem was found on (1 for header problems).
    var lineNumber: Int
    var message: String

    init(_ code: Code, lineNumber: Int, _ message: String) {
        self.code = code
        self.lineNumber = lineNumber
        self.message = message
    }

    var description: String { "line \(lineNumber): \(message)" }
}
