import CrimeScopeProtos

/// `crimescope.ingest.v1.ListTrainingRowsRequest`: per-incident rows for model training (the predict service feeds on this).
public struct ListTrainingRowsRequest: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.ListTrainingRowsRequest"

    public var city: String
    public var range: LocalTimeRange?
    public var afterKey: Int64
    public var limit: Int32

    public init(city: String = "", range: LocalTimeRange? = nil, afterKey: Int64 = 0, limit: Int32 = 0) {
        self.city = city
        self.range = range
        self.afterKey = afterKey
        self.limit = limit
    }

    typealias CMessage = Crimescope__Ingest__V1__ListTrainingRowsRequest
    static let cInit = crimescope__ingest__v1__list_training_rows_request__init
    static let cUnpack = crimescope__ingest__v1__list_training_rows_request__unpack
    static let cFree = crimescope__ingest__v1__list_training_rows_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.range = range?.cPointer(in: arena)
        c.after_key = afterKey
        c.limit = limit
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        range = CRead.message(c.range, as: LocalTimeRange.self)
        afterKey = c.after_key
        limit = c.limit
    }
}
