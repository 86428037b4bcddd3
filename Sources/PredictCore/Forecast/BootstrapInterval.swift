/// Percentile bootstrap over test weeks: the weeks are resampled with replacement (paired: the
/// model's and the baseline's score of the same week stay together), and the 2.5th and 97.5th
/// percentiles of the resampled means give a 95 % interval. A fixed seed makes it repeatable.
struct BootstrapInterval: Sendable, Equatable {
    let mean: Double
    let low: Double
    let high: Double

    /// Whether the interval lies wholly above or wholly below zero.
    var excludesZero: Bool { low > 0 || high < 0 }

    init(mean: Double, low: Double, high: Double) {
        self.mean = mean
        self.low = low
        self.high = high
    }

    static let resamples = 2_000
    static let seed: UInt64 = 20_171_231

    /// Intervals of the mean of each series in `series` (all the same length, one value a week),
    /// every series resampled with the same week indices.
    static func paired(_ series: [[Double]], resamples: Int = Self.resamples, seed: UInt64 = Self.seed) -> [BootstrapInterval] {
        guard let count = series.first?.count, count > 0 else {
            return series.map { _ in BootstrapInterval(mean: 0, low: 0, high: 0) }
        }
        var generator = SplitMix64(seed: seed)
        var means = series.map { _ in [Double](repeating: 0, count: resamples) }
        for resample in 0..<resamples {
            var sums = [Double](repeating: 0, count: series.count)
            for _ in 0..<count {
                let week = Int(generator.next() % UInt64(count))
                for index in series.indices { sums[index] += series[index][week] }
            }
            for index in series.indices { means[index][resample] = sums[index] / Double(count) }
        }
        return series.indices.map { index in
            let sorted = means[index].sorted()
            return BootstrapInterval(mean: series[index].reduce(0, +) / Double(count),
                                     low: percentile(sorted, 0.025), high: percentile(sorted, 0.975))
        }
    }

    /// Linear interpolation between the closest ranks of an ascending array.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = fraction * Double(sorted.count - 1)
        let lower = Int(position), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
