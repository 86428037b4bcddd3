import Contracts
import Foundation

/// Plain-text summary of the beat forecast's test metrics next to its baseline, for the CLI.
enum ForecastReport {
    static func lines(_ metrics: ModelMetrics) -> [String] {
        let m = metrics.metrics
        func value(_ key: String) -> String { m[key].map { String(format: "%.3f", $0) } ?? "-" }
        var lines = [
            "train \(metrics.trainWindow)",
            "validation \(metrics.validationWindow)",
            "test \(metrics.testWindow)",
            "model vs baseline (mean of the previous 4 weeks), averaged over \(Int(m["test_weeks"] ?? 0)) test weeks, \(Int(m["areas"] ?? 0)) areas:",
        ]
        for share in [5, 10, 20] {
            lines.append("  \(share) % of the area: hit rate \(value("hit_rate_\(share)")) vs \(value("baseline_hit_rate_\(share)")), "
                + "PAI \(value("pai_\(share)")) vs \(value("baseline_pai_\(share)")) (oracle \(value("oracle_pai_\(share)"))), "
                + "PEI \(value("pei_\(share)")) vs \(value("baseline_pei_\(share)"))")
        }
        lines.append("  MAE 1 week ahead \(value("mae")) vs \(value("baseline_mae")); "
            + (2...4).map { "\($0) weeks \(value("mae_h\($0)")) vs \(value("baseline_mae_h\($0)"))" }.joined(separator: "; "))
        lines.append("  top features: " + metrics.importances.prefix(4).map { "\($0.feature) \(String(format: "%.2f", $0.importance))" }.joined(separator: ", "))
        return lines
    }
}
