/// The last forecasts computed (every area with SHAP), so a repeated request (the map asking for
/// next week again) costs no TreeSHAP. Bounded; emptied for a city when its model or its weekly
/// series are replaced, so an answer never outlives the data it came from.
struct ForecastMemo: Sendable {
    struct Key: Hashable, Sendable {
        let city: String
        let version: String
        let target: ForecastWeek
        let weeksAhead: Int
        let group: Int
    }

    /// At most this many forecasts are kept (each ~275 areas × 14 contributions).
    static let capacity = 64

    private var entries: [Key: [ForecastModel.AreaResult]] = [:]
    private var order: [Key] = []

    subscript(key: Key) -> [ForecastModel.AreaResult]? {
        get { entries[key] }
        set {
            guard let newValue else { return }
            if entries.updateValue(newValue, forKey: key) == nil { order.append(key) }
            while order.count > Self.capacity { entries[order.removeFirst()] = nil }
        }
    }

    mutating func removeAll(city: String) {
        order.removeAll { $0.city == city }
        entries = entries.filter { $0.key.city != city }
    }
}
