import CrimeScopeProtos

/// `crimescope.ingest.v1.StartLoadRequest`: loads a file into a city's incidents or areas.
///
/// Writes need the `authorization: Bearer <token>` metadata entry.
public struct StartLoadRequest: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.StartLoadRequest"

    public var city: String
    public var format: SourceFormat
    /// A path on the ingest server's machine (gzip and xz are read directly) ...
    public var serverPath: String
    /// ... or the file's bytes (for small uploads; the frame cap applies).
    public var content: [UInt8]
    /// The name recorded for `content`.
    public var contentName: String
    /// Return at once with the run id instead of waiting for the run to end.
    public var asynchronous: Bool

    public init(
        city: String = "", format: SourceFormat = .unspecified, serverPath: String = "", content: [UInt8] = [],
        contentName: String = "", asynchronous: Bool = false
    ) {
        self.city = city
        self.format = format
        self.serverPath = serverPath
        self.content = content
        self.contentName = contentName
        self.asynchronous = asynchronous
    }

    typealias CMessage = Crimescope__Ingest__V1__StartLoadRequest
    static let cInit = crimescope__ingest__v1__start_load_request__init
    static let cUnpack = crimescope__ingest__v1__start_load_request__unpack
    static let cFree = crimescope__ingest__v1__start_load_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.format = format.c
        c.server_path = arena.string(serverPath)
        c.content = arena.binary(content)
        c.content_name = arena.string(contentName)
        c.asynchronous = CWrite.bool(asynchronous)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        format = SourceFormat(c: c.format)
        serverPath = CRead.string(c.server_path)
        content = CRead.bytes(c.content)
        contentName = CRead.string(c.content_name)
        asynchronous = CRead.bool(c.asynchronous)
    }
}
