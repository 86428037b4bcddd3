import Contracts
import Synchronization

/// The serving status of each service a process serves, for the Health RPC.
///
/// The empty name stands for the whole server. Statuses change at start-up (after
/// migrations), and at shutdown (NOT_SERVING while calls drain).
package final class HealthStatusBoard: Sendable {
    private let statuses: Mutex<[String: HealthCheckResponse.ServingStatus]>
    private let lag = Mutex<(deltas: Int64, seconds: Double)>((0, 0))
    private let roleName = Mutex("")

    package init(services: [String], initial: HealthCheckResponse.ServingStatus = .notServing) {
        var table: [String: HealthCheckResponse.ServingStatus] = ["": initial]
        for service in services { table[service] = initial }
        statuses = Mutex(table)
    }

    /// Sets every registered service, and the server, to `status`.
    package func setAll(_ status: HealthCheckResponse.ServingStatus) {
        statuses.withLock { table in
            for key in table.keys { table[key] = status }
        }
    }

    /// How far behind the log it follows the process is (the heatmap's outbox lag), for Check.
    package func setLag(deltas: Int64, seconds: Double) {
        lag.withLock { $0 = (deltas, seconds) }
    }

    /// The lag last set (0 and 0 for a process that follows nothing).
    var currentLag: (deltas: Int64, seconds: Double) { lag.withLock { $0 } }

    /// This replica's role among its service's replicas (the heatmap: `leader` or `follower`).
    package func setRole(_ role: String) {
        roleName.withLock { $0 = role }
    }

    /// The role last set (empty for services without roles).
    package var role: String { roleName.withLock { $0 } }

    /// The status of `service`, or nil when the process does not serve it.
    package func status(of service: String) -> HealthCheckResponse.ServingStatus? {
        statuses.withLock { $0[service] }
    }
}
