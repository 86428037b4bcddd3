/// What one answer rests on: the inputs used as values, those not given (read as missing), those
/// given with a value the training window never saw (read as missing too), and those the beat's
/// profile supplied. Each list is in ``IncidentInput`` declaration order.
public struct InputReport: Sendable, Equatable {
    public var used: [IncidentInput] = []
    public var missing: [IncidentInput] = []
    public var unseen: [IncidentInput] = []
    public var filled: [IncidentInput] = []

    public init(used: [IncidentInput] = [], missing: [IncidentInput] = [], unseen: [IncidentInput] = [], filled: [IncidentInput] = []) {
        self.used = used
        self.missing = missing
        self.unseen = unseen
        self.filled = filled
    }
}
