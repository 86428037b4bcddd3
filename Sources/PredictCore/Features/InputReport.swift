/// What one answer rests on: the inputs used as values, those not given (read as missing), those
/// given with a value the training window never saw (read as missing too), and those the beat's
/// profile supplied. Each list is in ``IncidentInput`` declaration order.
struct InputReport: Sendable, Equatable {
    var used: [IncidentInput] = []
    var missing: [IncidentInput] = []
    var unseen: [IncidentInput] = []
    var filled: [IncidentInput] = []

    init(used: [IncidentInput] = [], missing: [IncidentInput] = [], unseen: [IncidentInput] = [], filled: [IncidentInput] = []) {
        self.used = used
        self.missing = missing
        self.unseen = unseen
        self.filled = filled
    }
}
