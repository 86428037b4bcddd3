@testable import HeatmapCore

/// Polls the heatmap's stored consumer position (read errors, e.g. before the service created its
/// schema, count as "not yet").
enum ConsumerPositionWait {
    /// The first position for which `condition` holds, or the last one read after `seconds`.
    static func until(_ store: HeatmapStore, seconds: Int = 120, _ condition: (Int64) -> Bool) async throws -> Int64 {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var position: Int64 = -1
        while true {
            if let read = try? await store.position() { position = read }
            if condition(position) || ContinuousClock.now > deadline { return position }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
