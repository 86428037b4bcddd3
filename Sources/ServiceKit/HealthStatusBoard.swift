import Contracts
import Synchronization

/// The serving status of each service a process serves, for the Health RPC.
///
/// The empty name stands for the whole server. Statuses change at start-up (after
/// migrations), and at shutdown (NOT_SERVING while calls drain).
public final class HealthStatusBoard: Sendable {
    private let statuses: Mutex<[String: HealthCheckResponse.ServingStatus]>

    public init(services: [String], initial: HealthCheckResponse.ServingStatus = .notServing) {
        var table: [String: HealthCheckResponse.ServingStatus] = ["": initial]
        for service in services { table[service] = initial }
        statuses = Mutex(table)
    }

    /// Sets every registered service, and the server, to `status`.
    public func setAll(_ status: HealthCheckResponse.ServingStatus) {
        statuses.withLock { table in
            for key in table.keys { table[key] = status }
        }
    }

    /// The status of `service`, or nil when the process does not serve it.
    public func status(of service: String) -> HealthCheckResponse.ServingStatus? {
        statuses.withLock { $0[service] }
    }
}
