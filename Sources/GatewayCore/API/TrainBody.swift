import Contracts

/// The validated body of `POST /api/v1/models/train` as an asynchronous Train request:
/// `{"city", "kinds"?}` (`kinds` names from ``ModelKindName``; absent trains them all).
struct TrainBody: Sendable {
    /// The body's member names.
    static let names: Set<String> = ["city", "kinds"]

    var request: TrainRequest

    init(_ body: JSONBody) throws(APIError) {
        let city = try body.requiredCity()
        var kinds: [ModelKind] = []
        for name in try body.strings("kinds", maxCount: ModelKindName.kinds.count) ?? [] {
            guard let kind = ModelKindName.kinds[name] else {
                throw .invalidArgument("'kinds' must name models among \(ModelKindName.kinds.keys.sorted().joined(separator: ", ")), got '\(name.prefix(40))'")
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        request = TrainRequest(city: city, kinds: kinds, asynchronous: true)
    }
}
