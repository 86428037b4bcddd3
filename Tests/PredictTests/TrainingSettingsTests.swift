import Contracts
@testable import PredictCore
import Testing

/// The property model's own booster settings apply to it alone.
@Suite("Training settings")
struct TrainingSettingsTests {
    func parameters(_ plan: XGBoostTrainingPlan) -> [String: String] {
        Dictionary(plan.parameters, uniquingKeysWith: { _, last in last })
    }

    @Test("property overrides change the property plan only; unset, every binary shares the defaults")
    func propertyOverrides() {
        var settings = TrainingSettings()
        let shared = parameters(settings.plan(for: .binary, model: .property))
        #expect(shared["max_depth"] == "5" && shared["max_bin"] == "128" && shared["eta"] == "0.25")
        settings.propertyDepth = 8
        settings.propertyEta = 0.15
        settings.propertyMaxRounds = 800
        settings.propertyMaxBin = 512
        let property = settings.plan(for: .binary, model: .property)
        #expect(parameters(property)["max_depth"] == "8" && parameters(property)["eta"] == "0.15")
        #expect(parameters(property)["max_bin"] == "512" && property.maxRounds == 800)
        for kind in [ModelKind.arrest, .domestic] {
            let plan = settings.plan(for: .binary, model: kind)
            #expect(parameters(plan)["max_depth"] == "5" && parameters(plan)["max_bin"] == "128" && plan.maxRounds == 250)
        }
        #expect(parameters(settings.plan(for: .multiclass(5)))["max_bin"] == "128")
        #expect(shared["subsample"] == nil && shared["colsample_bytree"] == nil && shared["min_child_weight"] == "5")
        #expect(settings.propertyShareKeys == [.beat, .location, .beatLocation, .cell, .locationShift, .block])
    }

    @Test("sampling, leaf weight, L2 and patience apply to the property model alone")
    func propertySampling() {
        var settings = TrainingSettings()
        settings.propertySubsample = 0.8
        settings.propertyColsampleByTree = 0.7
        settings.propertyMinChildWeight = 20
        settings.propertyLambda = 5
        settings.propertyEarlyStoppingRounds = 40
        let property = settings.plan(for: .binary, model: .property)
        let values = parameters(property)
        #expect(values["subsample"] == "0.8" && values["colsample_bytree"] == "0.7" && values["seed"] != nil)
        #expect(values["min_child_weight"] == "20.0" && values["lambda"] == "5.0" && property.earlyStoppingRounds == 40)
        let arrest = settings.plan(for: .binary, model: .arrest)
        #expect(parameters(arrest)["subsample"] == nil && parameters(arrest)["lambda"] == nil)
        #expect(parameters(arrest)["min_child_weight"] == "5" && arrest.earlyStoppingRounds == 15)
    }
}
