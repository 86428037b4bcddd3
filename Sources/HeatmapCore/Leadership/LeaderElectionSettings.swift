/// How long the leader lease runs and how often it is renewed or sought.
package struct LeaderElectionSettings: Sendable {
    /// How long a lease runs from its last renewal: a replica that stops renewing (killed,
    /// paused, cut off from the database) is replaced after at most this plus ``interval``.
    var lease: Duration = .seconds(5)
    /// How often the leader renews and a follower tries to take an expired lease over.
    var interval: Duration = .seconds(1)

    package init() {}
}
