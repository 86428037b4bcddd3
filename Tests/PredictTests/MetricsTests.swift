import Contracts
import Foundation
@testable import PredictCore
import Testing

/// The evaluation formulas on hand-computed cases.
@Suite struct MetricsTests {
    @Test func binaryMetricsByHand() {
        // Scores 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.2 (neg): pairs pos>neg: (0.9>0.8), (0.9>0.2), (0.7>0.2) = 3 of 4.
        let evaluation = BinaryEvaluation(probabilities: [0.9, 0.8, 0.7, 0.2], labels: [true, false, true, false], trainingPositiveRate: 0.3)
        #expect(abs((evaluation.metrics["roc_auc"] ?? 0) - 0.75) < 1e-12)
        #expect(evaluation.metrics["accuracy"] == 0.75)
        #expect(evaluation.metrics["baseline_accuracy"] == 0.5)
        let logLoss = -(log(0.9) + log(0.2) + log(0.7) + log(0.8)) / 4
        #expect(abs((evaluation.metrics["log_loss"] ?? 0) - logLoss) < 1e-12)
        #expect(evaluation.calibration.count == 10)
        #expect(evaluation.calibration[9].count == 1 && evaluation.calibration[9].observedRate == 1)
        #expect(evaluation.calibration[8].count == 1 && evaluation.calibration[8].observedRate == 0)
        #expect(evaluation.rocCurve.first?.x == 0 && evaluation.rocCurve.last?.x == 1 && evaluation.rocCurve.last?.y == 1)
        // Ties count half.
        #expect(BinaryEvaluation.rocAUC([0.5, 0.5], [true, false]) == 0.5)
    }

    @Test func topKByHand() {
        // Three classes; row 0 truth 0 (ranked 1st), row 1 truth 2 (ranked 3rd).
        let evaluation = MulticlassEvaluation(probabilities: [0.6, 0.3, 0.1, 0.5, 0.3, 0.2], classes: 3, labels: [0, 2],
                                              trainingCounts: [10, 5, 1])
        #expect(evaluation.metrics["top1"] == 0.5)
        #expect(evaluation.metrics["top5"] == 1)
        #expect(evaluation.metrics["baseline_top1"] == 0.5)
        #expect(abs((evaluation.metrics["log_loss"] ?? 0) - (-(log(0.6) + log(0.2)) / 2)) < 1e-6)
    }

    @Test func locationGroups() {
        #expect(LocationGroup.of("STREET") == .street)
        #expect(LocationGroup.of("APARTMENT") == .apartment)
        #expect(LocationGroup.of("RESIDENCE PORCH/HALLWAY") == .residence)
        #expect(LocationGroup.of("PARKING LOT/GARAGE(NON.RESID.)") == .parkingVehicle)
        #expect(LocationGroup.of("CTA TRAIN") == .transit)
        #expect(LocationGroup.of("SCHOOL, PUBLIC, BUILDING") == .school)
        #expect(LocationGroup.of("RESTAURANT") == .restaurantBar)
        #expect(LocationGroup.of("DEPARTMENT STORE") == .retail)
        #expect(LocationGroup.of("PARK PROPERTY") == .park)
        #expect(LocationGroup.of("COMMERCIAL / BUSINESS OFFICE") == .commercialOffice)
        #expect(LocationGroup.of("HOSPITAL BUILDING/GROUNDS") == .governmentHospital)
        // The data's empty Location Description (the report recorded none) is its own group, not "other".
        #expect(LocationGroup.of("") == .unrecorded)
        #expect(LocationGroup.of("OTHER") == .other)
        #expect(LocationGroup.allCases.count == 13)
    }
}
