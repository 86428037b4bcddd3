/// A forward-only stream of bytes read in chunks: a file, a decompressor's output, or memory.
///
/// Parsers pull from it and hold at most one chunk plus one unfinished row, so memory stays
/// bounded whatever the file size. Not thread-safe: one parser reads one source.
package protocol ByteSource: AnyObject {
    /// Fills the front of `buffer` and returns how many bytes were written; 0 means end of input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}
