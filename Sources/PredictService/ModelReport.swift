import Contracts
import Foundation
import PredictCore

/// Plain-text summary of trained models' test metrics for the CLI.
enum ModelReport {
    static func lines(_ run: IncidentTrainingRun, seconds: Double) -> [String] {
        let labels = run.split.labels
        var lines = [
            "split: train \(labels.train) (\(run.trainRows) rows), validation \(labels.validation) (\(run.validationRows)), test \(labels.test) (\(run.testRows))",
        ]
        for model in run.models {
            let m = model.metrics.metrics
            func value(_ key: String, percent: Bool = false, digits: Int = 3) -> String {
                guard let number = m[key] else { return "-" }
                return percent ? String(format: "%.1f %%", number * 100) : String(format: "%.\(digits)f", number)
            }
            let name = model.version.isEmpty ? model.kind.slug : model.version
            let top = model.metrics.importances.prefix(3).map(\.feature).joined(separator: ", ")
            if model.kind == .crimeType {
                lines.append("\(name): top-1 \(value("top1", percent: true)) (baseline \(value("baseline_top1", percent: true))), "
                    + "top-5 \(value("top5", percent: true)) (baseline \(value("baseline_top5", percent: true))), log loss \(value("log_loss")), "
                    + "\(Int(m["classes"] ?? 0)) classes, \(Int(m["rounds"] ?? 0)) rounds; top features: \(top)")
            } else {
                lines.append("\(name): ROC-AUC \(value("roc_auc", digits: 4)), accuracy \(value("accuracy", percent: true)) "
                    + "(baseline \(value("baseline_accuracy", percent: true))), log loss \(value("log_loss")), "
                    + "\(Int(m["rounds"] ?? 0)) rounds; top features: \(top)")
            }
        }
        lines.append(String(format: "trained in %.1f s", seconds))
        return lines
    }
}
