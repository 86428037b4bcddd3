#if canImport(Glibc)
import Glibc
#endif

/// The two zlib functions ``Gzip`` needs, looked up once in `libz.so.1`.
struct Zlib: @unchecked Sendable {
    typealias Compress2 = @convention(c) (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt>, UnsafePointer<UInt8>, UInt, Int32) -> Int32
    typealias CompressBound = @convention(c) (UInt) -> UInt

    let compress2: Compress2
    let compressBound: CompressBound

    /// Nil when the library or a symbol is missing.
    static let shared: Zlib? = {
        #if canImport(Glibc)
        guard let handle = dlopen("libz.so.1", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libz.so", RTLD_NOW | RTLD_LOCAL),
              let compress = dlsym(handle, "compress2"), let bound = dlsym(handle, "compressBound") else { return nil }
        return Zlib(compress2: unsafeBitCast(compress, to: Compress2.self), compressBound: unsafeBitCast(bound, to: CompressBound.self))
        #else
        return nil
        #endif
    }()
}
