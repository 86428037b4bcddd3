import Contracts
import Foundation

extension IncidentModel {
    /// Answers for one incident: the probability (binaries) or the top classes (crime type),
    /// explained by exact TreeSHAP contributions.
    ///
    /// One XGBoost call per model: the contributions. The margin is their sum (bias included),
    /// and the probability is the objective's transform of that margin (logistic, or softmax
    /// over the classes' margins), equal to XGBoost's own prediction within float rounding.
    /// `topContributions` 0 returns every feature's contribution; the crime-type explanation is
    /// for its most likely class. The answer lists the inputs it used, read as missing (not given
    /// or unseen) and took from the beat's profile.
    /// - Throws: FAILED_PRECONDITION for a model saved before training learnt what a missing input
    ///   means (see ``FeatureEncoding/learnsMissingInputs``); it must be retrained.
    func answer(_ incident: IncidentFeatures, topContributions: Int, topClasses: Int) throws -> ModelAnswer {
        let encoding = descriptor.encoding
        guard encoding.learnsMissingInputs else { throw staleRefusal }
        var answer = try explainedAnswer(incident, encoding: encoding, topContributions: topContributions, topClasses: topClasses)
        let inputs = encoding.inputs(of: incident)
        answer.inputsUsed = inputs.used.map(\.rawValue)
        answer.inputsMissing = inputs.missing.map(\.rawValue)
        answer.inputsUnseen = inputs.unseen.map(\.rawValue)
        answer.inputsFilled = inputs.filled.map(\.rawValue)
        return answer
    }

    /// Why a model saved before missing inputs were learnt is not served.
    var staleRefusal: PredictError {
        .failedPrecondition("model \(version) of '\(city)' was trained before CrimeScope learnt what an input not given means "
                            + "(it read an empty crime type or location as a category): retrain it with "
                            + "'predict train --city \(city)' or POST /api/v1/models/train")
    }

    private func explainedAnswer(_ incident: IncidentFeatures, encoding: FeatureEncoding, topContributions: Int,
                                 topClasses: Int) throws -> ModelAnswer {
        var row: [Float] = []
        row.reserveCapacity(encoding.featureCount)
        encoding.encode(incident, into: &row)
        let matrix = try XGBoostMatrix(values: row, rows: 1, columns: encoding.featureCount, threads: 1)
        let shap = try booster.predict(matrix, kind: .contributions)
        let width = encoding.featureCount + 1
        if descriptor.classes.isEmpty {
            let explanation = Self.explanation(Array(shap.values.prefix(width)), incident: incident, encoding: encoding, top: topContributions)
            return ModelAnswer(kind: kind, modelVersion: version, probability: 1 / (1 + exp(-explanation.margin)),
                               explanation: explanation)
        }
        let classCount = descriptor.classes.count
        let margins = (0..<classCount).map { klass in
            shap.values[(klass * width)..<((klass + 1) * width)].reduce(0.0) { $0 + Double($1) }
        }
        let largest = margins.max() ?? 0
        let exponentials = margins.map { exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        let ranked = margins.indices.sorted { margins[$0] > margins[$1] }
        let best = ranked.first ?? 0
        let explanation = Self.explanation(Array(shap.values[(best * width)..<((best + 1) * width)]), incident: incident,
                                           encoding: encoding, top: topContributions)
        let classes = ranked.prefix(max(1, topClasses)).map {
            ClassProbability(label: descriptor.classes[$0], probability: exponentials[$0] / total)
        }
        return ModelAnswer(kind: kind, modelVersion: version, probability: exponentials[best] / total,
                           topClasses: classes, explanation: explanation)
    }

    /// Base value (the bias column), the largest contributions by magnitude, and the margin
    /// (base plus every contribution, not only those returned).
    static func explanation(_ values: [Float], incident: IncidentFeatures, encoding: FeatureEncoding, top: Int) -> Explanation {
        let features = encoding.featureNames
        let base = Double(values[features.count])
        let margin = values.reduce(0.0) { $0 + Double($1) }
        let order = features.indices.sorted { abs(values[$0]) > abs(values[$1]) }
        let kept = top > 0 ? Array(order.prefix(top)) : order
        let contributions = kept.map {
            Contribution(feature: features[$0], value: encoding.display(incident, column: $0), contribution: Double(values[$0]))
        }
        return Explanation(baseValue: base, contributions: contributions, margin: margin)
    }
}
