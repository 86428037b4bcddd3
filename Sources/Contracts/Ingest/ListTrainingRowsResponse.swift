import CrimeScopeProtos

/// `crimescope.ingest.v1.ListTrainingRowsResponse`: a page of training rows; `done` when none are left.
public struct ListTrainingRowsResponse: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.ListTrainingRowsResponse"

    public var rows: [TrainingRow]
    public var lastKey: Int64
    public var done: Bool

    public init(rows: [TrainingRow] = [], lastKey: Int64 = 0, done: Bool = false) {
        self.rows = rows
        self.lastKey = lastKey
        self.done = done
    }

    typealias CMessage = Crimescope__Ingest__V1__ListTrainingRowsResponse
    static let cInit = crimescope__ingest__v1__list_training_rows_response__init
    static let cUnpack = crimescope__ingest__v1__list_training_rows_response__unpack
    static let cFree = crimescope__ingest__v1__list_training_rows_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_rows = rows.count
        c.rows = arena.messages(rows)
        c.last_key = lastKey
        c.done = CWrite.bool(done)
    }

    init(c: CMessage) {
        rows = CRead.messages(c.n_rows, c.rows, as: TrainingRow.self)
        lastKey = c.last_key
        done = CRead.bool(c.done)
    }
}
