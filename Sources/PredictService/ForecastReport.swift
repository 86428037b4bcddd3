import Contracts
import Foundation
import PredictCore

/// Plain-text summary of the beat forecast's test metrics next to its baseline, for the CLI.
enum ForecastReport {
    static func lines(_ metrics: ModelMetrics) -> [String] {
        let m = metrics.metrics
        func value(_ key: String) -> String { m[key].map { String(format: "%.3f", $0) } ?? "-" }
        func interval(_ key: String) -> String { "\(value(key)) [\(value(key + "_low")), \(value(key + "_high"))]" }
        let rules = BaselineRule.allCases
        let rule = m["baseline_rule"].flatMap { Int(exactly: $0) }.flatMap { rules.indices.contains($0) ? rules[$0] : nil } ?? .mean4
        var lines = [
            "train \(metrics.trainWindow)",
            "validation \(metrics.validationWindow)",
            "test \(metrics.testWindow)",
            "baseline rules, mean PAI at 10 % 1 week ahead, validation / test: "
                + rules.map { "\($0.rawValue) \(value("validation_pai_10_\($0.rawValue)")) / \(value("test_pai_10_\($0.rawValue)"))" }.joined(separator: ", "),
            "model: validation PAI at 10 % \(value("validation_pai_10")); all groups as the sum of the per-group forecasts: validation "
                + "\(value("sum_of_groups_validation_pai_10")), test \(value("sum_of_groups_test_pai_10"))",
            "model vs baseline (\(rule.label), the strongest on validation), \(Int(m["test_weeks"] ?? 0)) test weeks, \(Int(m["areas"] ?? 0)) areas, "
                + "means with bootstrap 95 % intervals over test weeks:",
        ]
        for share in ForecastEvaluation.reportedShares {
            for (name, title) in [("hit_rate", "hit rate"), ("pai", "PAI"), ("pei", "PEI")] {
                let key = "\(name)_\(share)"
                lines.append("  \(share) % \(title): model \(interval(key)), baseline \(interval("baseline_" + key)), "
                    + "difference \(interval("difference_" + key))" + (name == "pai" ? " (oracle \(value("oracle_pai_\(share)")))" : ""))
            }
        }
        lines.append("  MAE 1 week ahead \(value("mae")) vs \(value("baseline_mae")); "
            + (2...4).map { "\($0) weeks \(value("mae_h\($0)")) vs \(value("baseline_mae_h\($0)"))" }.joined(separator: "; "))
        lines.append("  top features: " + metrics.importances.prefix(4).map { "\($0.feature) \(String(format: "%.2f", $0.importance))" }.joined(separator: ", "))
        return lines
    }
}
