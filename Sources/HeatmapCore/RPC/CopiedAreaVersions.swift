import Synchronization

/// Which version of ingest's polygons (ListAreas `version`) the heatmap's copy of each city
/// reflects, as far as this process knows: the copies it made. A city it has not copied since it
/// started is unknown, so the leader copies it again once (a copy carries no version of its own).
final class CopiedAreaVersions: Sendable {
    private let versions = Mutex<[String: String]>([:])

    init() {}

    func version(of city: String) -> String? { versions.withLock { $0[city] } }

    func set(_ version: String, for city: String) { versions.withLock { $0[city] = version } }
}
