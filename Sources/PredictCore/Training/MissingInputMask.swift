/// Which training rows read their optional inputs as not given: each of the location (group and
/// description together) and the crime type independently, on a seeded random `share` of the
/// rows. XGBoost sends a missing value down each split's learnt default branch; with no missing
/// values in training that branch is arbitrary, so a request without a location or type would be
/// answered from whichever category happened to sit on it. Masked rows teach every split where
/// "not given" belongs, and the fixed seed keeps training reproducible.
struct MissingInputMask: Sendable {
    /// Per row: mask the location columns, mask the primary_type column.
    let rows: [(location: Bool, type: Bool)]

    init(rows count: Int, share: Double, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        rows = (0..<count).map { _ in
            (Double.random(in: 0..<1, using: &generator) < share, Double.random(in: 0..<1, using: &generator) < share)
        }
    }
}
