import Foundation
@testable import PredictCore
import Testing

/// The XGBoost wrapper against the real library: training, predictions, SHAP, save/load, errors.
@Suite struct XGBoostWrapperTests {
    /// A deterministic two-feature problem: label 1 when x0 + noise > 0.5, x1 is half missing.
    static func data(rows: Int, seed: UInt64) -> (values: [Float], labels: [Float]) {
        var state = seed
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 24)
        }
        var values: [Float] = []
        var labels: [Float] = []
        for row in 0..<rows {
            let x0 = next(), x1 = next()
            values += [x0, row % 2 == 0 ? .nan : x1]
            labels.append(x0 + 0.3 * (next() - 0.5) > 0.5 ? 1 : 0)
        }
        return (values, labels)
    }

    func trainBinary() throws -> (XGBoostTrainedModel, XGBoostMatrix) {
        let train = Self.data(rows: 2000, seed: 1), valid = Self.data(rows: 500, seed: 2)
        let trainMatrix = try XGBoostMatrix(values: train.values, rows: 2000, columns: 2, labels: train.labels)
        let validMatrix = try XGBoostMatrix(values: valid.values, rows: 500, columns: 2, labels: valid.labels)
        var rounds = 0
        let model = try XGBoostTrainer.train(
            XGBoostTrainingPlan(objective: .binaryLogistic, parameters: [("max_depth", "3"), ("nthread", "1")], maxRounds: 60, earlyStoppingRounds: 5),
            train: trainMatrix, validation: validMatrix, progress: { _ in rounds += 1 })
        #expect(rounds >= model.rounds)
        #expect(model.rounds > 0)
        #expect(try model.booster.boostedRounds() == model.rounds)
        #expect((model.bestValidationScore ?? 1) < 0.5)
        return (model, validMatrix)
    }

    @Test func contributionsPlusBiasEqualTheMargin() throws {
        let (model, matrix) = try trainBinary()
        let margins = try model.booster.predict(matrix, kind: .margin)
        let shap = try model.booster.predict(matrix, kind: .contributions)
        let probabilities = try model.booster.predict(matrix)
        #expect(margins.shape == [500])
        #expect(shap.shape == [500, 3])
        for row in 0..<500 {
            let sum = shap.row(row).reduce(0.0) { $0 + Double($1) }
            #expect(abs(sum - Double(margins.values[row])) < 1e-4)
            let logistic = 1 / (1 + exp(-Double(margins.values[row])))
            #expect(abs(logistic - Double(probabilities.values[row])) < 1e-5)
        }
    }

    @Test func savedAndLoadedModelPredictsIdentically() throws {
        let (model, matrix) = try trainBinary()
        let json = try model.booster.saveJSON()
        #expect(json.first == UInt8(ascii: "{"))
        let loaded = try XGBoostBooster(json: json, parameters: [("nthread", "1")])
        #expect(try loaded.predict(matrix) == model.booster.predict(matrix))
        #expect(try loaded.predict(matrix, kind: .contributions) == model.booster.predict(matrix, kind: .contributions))
        #expect(try loaded.saveJSON() == json)
    }

    @Test func importanceFavoursTheInformativeFeature() throws {
        let (model, _) = try trainBinary()
        let gain = try model.booster.featureImportance("gain", featureCount: 2)
        #expect(gain.count == 2)
        #expect(gain[0] > gain[1])
    }

    @Test func softprobHasOneColumnPerClassAndShapPerClass() throws {
        let train = Self.data(rows: 900, seed: 3)
        let labels = train.values.enumerated().filter { $0.offset % 2 == 0 }.map { Float(min(2, Int($0.element * 3))) }
        let matrix = try XGBoostMatrix(values: train.values, rows: 900, columns: 2, labels: labels)
        let model = try XGBoostTrainer.train(XGBoostTrainingPlan(objective: .multiSoftprob(classes: 3), parameters: [("nthread", "1")], maxRounds: 10),
                                             train: matrix, validation: nil)
        #expect(model.rounds == 10)
        let probabilities = try model.booster.predict(matrix)
        #expect(probabilities.shape == [900, 3])
        #expect(abs(probabilities.row(0).reduce(0, +) - 1) < 1e-5)
        let margins = try model.booster.predict(matrix, kind: .margin)
        let shap = try model.booster.predict(matrix, kind: .contributions)
        #expect(shap.shape == [900, 3, 3])
        for row in [0, 1, 450, 899] {
            for klass in 0..<3 {
                let start = row * 9 + klass * 3
                let sum = shap.values[start..<(start + 3)].reduce(0.0) { $0 + Double($1) }
                #expect(abs(sum - Double(margins.values[row * 3 + klass])) < 1e-4)
            }
        }
        // The most likely class follows x0's third.
        let top = probabilities.row(0).enumerated().max { $0.element < $1.element }?.offset
        #expect(top == min(2, Int(train.values[0] * 3)))
    }

    @Test func poissonPredictsPositiveCounts() throws {
        let train = Self.data(rows: 600, seed: 4)
        let counts = (0..<600).map { Float(Int(train.values[$0 * 2] * 10)) }
        let matrix = try XGBoostMatrix(values: train.values, rows: 600, columns: 2, labels: counts)
        let model = try XGBoostTrainer.train(XGBoostTrainingPlan(objective: .countPoisson, parameters: [("nthread", "1")], maxRounds: 30),
                                             train: matrix, validation: nil)
        let predicted = try model.booster.predict(matrix)
        let margins = try model.booster.predict(matrix, kind: .margin)
        #expect(predicted.values.allSatisfy { $0 > 0 })
        #expect(abs(Double(predicted.values[7]) - exp(Double(margins.values[7]))) < 1e-3)
    }

    @Test func badInputIsAnErrorNotACrash() throws {
        #expect(throws: XGBoostError.self) { try XGBoostMatrix(values: [1, 2, 3], rows: 2, columns: 2) }
        #expect(throws: XGBoostError.self) { try XGBoostMatrix(values: [1, 2], rows: 1, columns: 2, labels: [1, 0]) }
        #expect(throws: XGBoostError.self) { try XGBoostBooster(json: Array("not a model".utf8)) }
        #expect(throws: XGBoostError.self) { try XGBoostBooster(json: []) }
        let (model, _) = try trainBinary()
        let wrongWidth = try XGBoostMatrix(values: [1, 2, 3], rows: 1, columns: 3)
        #expect(throws: XGBoostError.self) { try model.booster.predict(wrongWidth) }
    }
}
