import CrimeScopeProtos

/// `crimescope.predict.v1.TrainRequest`: trains the given kinds of a city's models.
///
/// Writes need the `authorization: Bearer <token>` metadata entry.
public struct TrainRequest: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.TrainRequest"

    public var city: String
    public var kinds: [ModelKind]
    public var asynchronous: Bool

    public init(city: String = "", kinds: [ModelKind] = [], asynchronous: Bool = false) {
        self.city = city
        self.kinds = kinds
        self.asynchronous = asynchronous
    }

    typealias CMessage = Crimescope__Predict__V1__TrainRequest
    static let cInit = crimescope__predict__v1__train_request__init
    static let cUnpack = crimescope__predict__v1__train_request__unpack
    static let cFree = crimescope__predict__v1__train_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.n_kinds = kinds.count
        c.kinds = arena.array(kinds.map(\.c))
        c.asynchronous = CWrite.bool(asynchronous)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        kinds = CRead.array(c.n_kinds, c.kinds).map(ModelKind.init(c:))
        asynchronous = CRead.bool(c.asynchronous)
    }
}
