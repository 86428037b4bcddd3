#if canImport(Glibc)
import Glibc
#endif

/// The zlib functions ``Gzip`` needs, looked up once in `libz.so.1`.
struct Zlib: @unchecked Sendable {
    typealias Compress2 = @convention(c) (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt>, UnsafePointer<UInt8>, UInt, Int32) -> Int32
    typealias CompressBound = @convention(c) (UInt) -> UInt
    typealias CRC32Function = @convention(c) (UInt, UnsafePointer<UInt8>?, UInt32) -> UInt

    let compress2: Compress2
    let compressBound: CompressBound
    /// zlib's `crc32` (much faster than a byte loop in Swift); nil in a zlib without it.
    let crc32: CRC32Function?

    /// Nil when the library or a symbol is missing.
    static let shared: Zlib? = {
        #if canImport(Glibc)
        guard let handle = dlopen("libz.so.1", RTLD_NOW | RTLD_LOCAL) ?? dlopen("libz.so", RTLD_NOW | RTLD_LOCAL),
              let compress = dlsym(handle, "compress2"), let bound = dlsym(handle, "compressBound") else { return nil }
        return Zlib(compress2: unsafeBitCast(compress, to: Compress2.self), compressBound: unsafeBitCast(bound, to: CompressBound.self),
                    crc32: dlsym(handle, "crc32").map { unsafeBitCast($0, to: CRC32Function.self) })
        #else
        return nil
        #endif
    }()
}
