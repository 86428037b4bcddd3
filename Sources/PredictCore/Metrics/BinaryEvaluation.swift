import Contracts
import Foundation

/// Test-window metrics of a binary model, from its probabilities and the true labels.
///
/// ROC-AUC is the Mann–Whitney statistic with ties counted half; accuracy thresholds at 0.5;
/// the baseline always answers the training window's majority class; log loss clips
/// probabilities to [1e-15, 1 − 1e-15]; calibration uses ten equal-width probability bins.
struct BinaryEvaluation: Sendable {
    var metrics: [String: Double]
    var rocCurve: [CurvePoint]
    var calibration: [CalibrationBin]

    /// Evaluates `probabilities` against `labels`; `trainingPositiveRate` picks the baseline's class.
    init(probabilities: [Double], labels: [Bool], trainingPositiveRate: Double, rocPoints: Int = 50) {
        let count = probabilities.count
        let positives = labels.filter { $0 }.count
        let baselineAnswer = trainingPositiveRate >= 0.5
        var correct = 0, logLoss = 0.0
        for (probability, label) in zip(probabilities, labels) {
            if (probability >= 0.5) == label { correct += 1 }
            let clipped = min(max(probability, 1e-15), 1 - 1e-15)
            logLoss -= label ? log(clipped) : log(1 - clipped)
        }
        let baselineCorrect = baselineAnswer ? positives : count - positives
        let total = Double(max(count, 1))
        metrics = [
            "roc_auc": Self.rocAUC(probabilities, labels),
            "accuracy": Double(correct) / total,
            "baseline_accuracy": Double(baselineCorrect) / total,
            "log_loss": logLoss / total,
            "positive_rate": Double(positives) / total,
            "test_rows": Double(count),
        ]
        rocCurve = Self.rocCurve(probabilities, labels, points: rocPoints)
        calibration = Self.calibration(probabilities, labels)
    }

    /// Area under the ROC curve; 0.5 when one class is absent.
    static func rocAUC(_ scores: [Double], _ labels: [Bool]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        let positives = Double(labels.filter { $0 }.count), negatives = Double(labels.count) - positives
        guard positives > 0, negatives > 0 else { return 0.5 }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for position in start...end where labels[order[position]] { rankSum += averageRank }
            start = end + 1
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// About `points` (false positive rate, true positive rate) points from (0,0) to (1,1),
    /// taken at evenly spaced thresholds of the ranked scores.
    static func rocCurve(_ scores: [Double], _ labels: [Bool], points: Int) -> [CurvePoint] {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        let positives = Double(labels.filter { $0 }.count), negatives = Double(labels.count) - positives
        guard positives > 0, negatives > 0, points > 1 else { return [CurvePoint(x: 0, y: 0), CurvePoint(x: 1, y: 1)] }
        var curve = [CurvePoint(x: 0, y: 0)]
        var truePositives = 0.0, falsePositives = 0.0
        let step = max(1, order.count / (points - 1))
        for (position, index) in order.enumerated() {
            if labels[index] { truePositives += 1 } else { falsePositives += 1 }
            let isTieEnd = position + 1 == order.count || scores[order[position + 1]] != scores[index]
            if (position + 1) % step == 0 && isTieEnd || position + 1 == order.count {
                curve.append(CurvePoint(x: falsePositives / negatives, y: truePositives / positives))
            }
        }
        return curve
    }

    /// Ten bins of width 0.1: mean predicted probability, observed positive rate, row count.
    static func calibration(_ probabilities: [Double], _ labels: [Bool]) -> [CalibrationBin] {
        var sums = [Double](repeating: 0, count: 10), hits = [Double](repeating: 0, count: 10), counts = [Int64](repeating: 0, count: 10)
        for (probability, label) in zip(probabilities, labels) {
            let bin = min(9, max(0, Int(probability * 10)))
            sums[bin] += probability
            hits[bin] += label ? 1 : 0
            counts[bin] += 1
        }
        return (0..<10).map { bin in
            counts[bin] == 0
                ? CalibrationBin(predictedMean: (Double(bin) + 0.5) / 10, observedRate: 0, count: 0)
                : CalibrationBin(predictedMean: sums[bin] / Double(counts[bin]), observedRate: hits[bin] / Double(counts[bin]), count: counts[bin])
        }
    }
}
