import Contracts

extension Counts {
    /// The contract form of rollup counts.
    init(_ counts: RollupCounts) {
        self.init(incidents: counts.incidents, arrests: counts.arrests, domestic: counts.domestic)
    }
}

extension RollupCounts {
    /// Rollup counts from the contract form.
    init(_ counts: Counts) {
        self.init(incidents: counts.incidents, arrests: counts.arrests, domestic: counts.domestic)
    }
}
