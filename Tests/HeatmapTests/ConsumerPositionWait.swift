@testable import HeatmapCore
import TestSupport

/// Reads the heatmap's stored consumer position until a condition holds: the position is stored
/// state with no event (read errors, e.g. before the service created its schema, count as "not yet").
enum ConsumerPositionWait {
    /// The first position read for which `condition` holds.
    static func until(_ store: HeatmapStore, _ condition: (Int64) -> Bool) async throws -> Int64 {
        try await waitForState("the heatmap's stored consumer position", every: .milliseconds(20)) {
            guard let position = try? await store.position(), condition(position) else { return nil }
            return position
        }
    }
}
