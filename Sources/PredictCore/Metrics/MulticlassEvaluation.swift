import Foundation

/// Test-window metrics of the crime-type model: top-1 and top-5 accuracy, multi-class log loss,
/// and the baselines that always answer the training window's most frequent class(es).
struct MulticlassEvaluation: Sendable {
    var metrics: [String: Double]

    /// `probabilities` is row-major `labels.count × classes`; `trainingCounts` has one count per class.
    init(probabilities: [Float], classes: Int, labels: [Int], trainingCounts: [Int]) {
        var top1 = 0, top5 = 0, logLoss = 0.0
        for (row, label) in labels.enumerated() {
            let scores = probabilities[(row * classes)..<((row + 1) * classes)]
            let mine = scores[row * classes + label]
            let better = scores.filter { $0 > mine }.count
            if better == 0 { top1 += 1 }
            if better < 5 { top5 += 1 }
            logLoss -= log(min(max(Double(mine), 1e-15), 1))
        }
        let ranked = trainingCounts.indices.sorted { trainingCounts[$0] > trainingCounts[$1] }
        let firstClass = Set(ranked.prefix(1)), firstFive = Set(ranked.prefix(5))
        let total = Double(max(labels.count, 1))
        metrics = [
            "top1": Double(top1) / total,
            "top5": Double(top5) / total,
            "log_loss": logLoss / total,
            "baseline_top1": Double(labels.filter { firstClass.contains($0) }.count) / total,
            "baseline_top5": Double(labels.filter { firstFive.contains($0) }.count) / total,
            "classes": Double(classes),
            "test_rows": Double(labels.count),
        ]
    }
}
