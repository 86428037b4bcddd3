import Foundation

/// Calls `body` with a NULL-terminated array of C strings (as libpq's keyword/value arrays need).
func withCStringArray<Result>(
    _ strings: [String],
    _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result
) -> Result {
    withCopiedCStrings(strings + [nil]) { buffer in
        // The buffer holds at least the terminator, so it has a base address.
        body(buffer.baseAddress.unsafelyUnwrapped)
    }
}

/// Calls `body` with an array of C strings where `nil` stays a nil pointer (SQL NULL for libpq),
/// or with `nil` when `strings` is empty.
func withOptionalCStringArray<Result>(
    _ strings: [String?],
    _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result
) -> Result {
    withCopiedCStrings(strings) { buffer in body(strings.isEmpty ? nil : buffer.baseAddress) }
}

private func withCopiedCStrings<Result>(
    _ strings: [String?],
    _ body: (UnsafeBufferPointer<UnsafePointer<CChar>?>) -> Result
) -> Result {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { $0.map { UnsafePointer($0) } }
    return pointers.withUnsafeBufferPointer(body)
}
