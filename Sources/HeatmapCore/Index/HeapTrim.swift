#if canImport(Glibc)
import Glibc
#endif

/// Hands the allocator's free memory back to the system after the start-up load: the snapshot's
/// libpq results and the unsorted cell arrays are freed once the index is built, and glibc would
/// otherwise keep most of those pages as the process's resident memory. glibc's `malloc_trim` is
/// not in Swift's Glibc module, so it is looked up at run time; elsewhere this does nothing.
enum HeapTrim {
    static func releaseFreePages() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}
