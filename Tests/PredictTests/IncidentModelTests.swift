import CivilTime
import Contracts
import Foundation
import Postgres
@testable import PredictCore
import TestSupport
import Testing

/// The four models end to end on a real slice: rows by RPC from a real ingest service, real
/// XGBoost training, storage in real PostgreSQL, and checks that can fail.
@Suite(.serialized) struct IncidentModelTests {
    static let settings: TrainingSettings = {
        var settings = TrainingSettings(threads: 1)
        settings.binaryMaxRounds = 60
        settings.typeMaxRounds = 30
        settings.earlyStoppingRounds = 8
        return settings
    }()

    @Test func trainEvaluateStoreAndServe() async throws {
        try await TestDatabase.withDatabase(label: "predict_models") { database in
            let services = try await PredictTestServices.start(database: database)
            do {
                try await check(services)
            } catch {
                await services.stop()
                throw error
            }
            await services.stop()
        }
    }

    private func check(_ services: PredictTestServices) async throws {
        let table = try await services.fetchTable()
        #expect(table.count > 15_000)
        let run = try IncidentModelTrainer(settings: Self.settings).train(city: "chicago", table: table)
        #expect(run.models.map(\.kind) == ModelKind.incidentModels)

        // The year split: train 2015, validate 2016, test 2017 — and no test-year row in training.
        #expect(!run.split.isMonthFallback)
        #expect(run.split.labels.train == "2015-01-01..2016-01-01")
        #expect(run.split.labels.validation == "2016-01-01..2017-01-01")
        #expect(run.split.labels.test == "2017-01-01..2018-01-01")
        let partition = run.split.partition(localSeconds: table.localSeconds)
        let testStart = LocalDateTime.localSeconds(year: 2017, month: 1, day: 1), validationStart = LocalDateTime.localSeconds(year: 2016, month: 1, day: 1)
        #expect(partition.train.allSatisfy { table.localSeconds[$0] < validationStart })
        #expect(partition.validation.allSatisfy { table.localSeconds[$0] >= validationStart && table.localSeconds[$0] < testStart })
        #expect(partition.test.allSatisfy { table.localSeconds[$0] >= testStart })
        #expect(run.trainRows == partition.train.count && run.testRows == partition.test.count)
        #expect(partition.train.count + partition.validation.count + partition.test.count == table.count)
        let trainBeats = Set(partition.train.map { table.beat($0) })
        let encoding = try #require(run.models.first?.descriptor.encoding)
        #expect(Set(encoding.beats) == trainBeats.subtracting([""]))

        for model in run.models {
            try checkRecomputedMetrics(model, table: table, testRows: partition.test)
        }
        let arrest = try #require(run.models.first { $0.kind == .arrest })
        #expect((arrest.metrics.metrics["roc_auc"] ?? 0) > 0.75)
        #expect(arrest.metrics.rocCurve.count >= 20 && arrest.metrics.rocCurve.count <= 60)
        #expect(arrest.metrics.calibration.count == 10)
        #expect(arrest.metrics.importances.first?.feature == "primary_type")
        let property = try #require(run.models.first { $0.kind == .property })
        #expect(!property.descriptor.encoding.featureNames.contains("primary_type"))
        #expect(!(run.models.first { $0.kind == .crimeType }?.descriptor.encoding.featureNames.contains("primary_type") ?? true))

        // SHAP + bias == margin for every test prediction, and the answer's probability is the model's.
        for model in run.models {
            try checkExplanations(model, table: table, rows: Array(partition.test.prefix(300)))
        }

        // Saved and loaded: same version naming, identical predictions.
        let store = PredictStore(pool: services.pool)
        let saved = try await store.saveAsCurrent(run.models)
        #expect(saved.allSatisfy { $0.version.hasSuffix("-xgboost-\($0.kind.slug)") && $0.version.hasPrefix("20") && $0.version.contains(".1-") })
        let loaded = try await store.currentModels()
        #expect(Set(loaded.map(\.version)) == Set(saved.map(\.version)))
        for model in saved {
            let twin = try #require(loaded.first { $0.kind == model.kind })
            #expect(twin.descriptor == model.descriptor)
            #expect(twin.metrics == model.metrics)
            let width = model.descriptor.encoding.featureCount
            var values: [Float] = []
            for row in partition.test.prefix(500) { model.descriptor.encoding.encode(table.features(row), into: &values) }
            let matrix = try XGBoostMatrix(values: values, rows: values.count / width, columns: width)
            #expect(try twin.booster.predict(matrix) == model.booster.predict(matrix))
            #expect(try twin.booster.predict(matrix, kind: .contributions) == model.booster.predict(matrix, kind: .contributions))
        }
        // A serving registry picks up what was saved, and only when it changed.
        let registry = ModelRegistry()
        let reloader = ModelReloader(store: store, registry: registry, logger: PredictTestServices.logger)
        #expect(Set(try await reloader.reloadChanged()) == Set(saved.map(\.version)))
        #expect(try await reloader.reloadChanged().isEmpty)
        // A second save makes new current versions (.2) while keeping the first ones.
        let again = try await store.saveAsCurrent(Array(run.models.prefix(1)))
        #expect(again.first?.version.contains(".2-xgboost-arrest") == true)
        try await reloader.reloadChanged()
        #expect(registry.models(city: "chicago")[.arrest]?.version == again.first?.version)
        #expect(registry.models(city: "chicago")[.domestic]?.version == saved.first { $0.kind == .domestic }?.version)
        let count = try await services.pool.query("SELECT count(*) FROM predict.incident_models").first?.decode(Int64.self, at: 0)
        #expect(count == 5)
    }

    /// Recomputes the test metrics from the model's own predictions on the test rows.
    private func checkRecomputedMetrics(_ model: IncidentModel, table: IncidentTable, testRows: [Int]) throws {
        let encoding = model.descriptor.encoding
        var values: [Float] = []
        for row in testRows { encoding.encode(table.features(row), into: &values) }
        let matrix = try XGBoostMatrix(values: values, rows: testRows.count, columns: encoding.featureCount)
        let predictions = try model.booster.predict(matrix).values
        let reported = model.metrics.metrics
        #expect(reported["test_rows"] == Double(testRows.count))
        if model.kind == .crimeType {
            let classes = model.descriptor.classes
            var top1 = 0, top5 = 0
            for (position, row) in testRows.enumerated() {
                let scores = Array(predictions[(position * classes.count)..<((position + 1) * classes.count)])
                let truth = classes.firstIndex(of: table.primaryType(row)) ?? classes.count - 1
                let ranked = scores.indices.sorted { scores[$0] > scores[$1] }
                if ranked.first == truth { top1 += 1 }
                if ranked.prefix(5).contains(truth) { top5 += 1 }
            }
            #expect(abs((reported["top1"] ?? -1) - Double(top1) / Double(testRows.count)) < 0.002)
            #expect(abs((reported["top5"] ?? -1) - Double(top5) / Double(testRows.count)) < 0.002)
            #expect((reported["top5"] ?? 0) > (reported["top1"] ?? 1))
            return
        }
        let labels: [Bool] = testRows.map { row in
            switch model.kind {
            case .arrest: table.arrest(row)
            case .domestic: table.domestic(row)
            default: ["THEFT", "BURGLARY", "MOTOR VEHICLE THEFT", "CRIMINAL DAMAGE", "ARSON", "DECEPTIVE PRACTICE"].contains(table.primaryType(row))
            }
        }
        // AUC by brute force over every positive-negative pair (ties half).
        let positives = labels.indices.filter { labels[$0] }, negatives = labels.indices.filter { !labels[$0] }
        var wins = 0.0
        for p in positives { for n in negatives { wins += predictions[p] > predictions[n] ? 1 : predictions[p] == predictions[n] ? 0.5 : 0 } }
        let auc = wins / Double(positives.count * negatives.count)
        #expect(abs((reported["roc_auc"] ?? -1) - auc) < 1e-9)
        let accuracy = Double(zip(predictions, labels).filter { ($0.0 >= 0.5) == $0.1 }.count) / Double(labels.count)
        #expect(abs((reported["accuracy"] ?? -1) - accuracy) < 1e-12)
        let logLoss = zip(predictions, labels).map { -log($0.1 ? max(Double($0.0), 1e-15) : max(1 - Double($0.0), 1e-15)) }.reduce(0, +) / Double(labels.count)
        #expect(abs((reported["log_loss"] ?? -1) - logLoss) < 1e-9)
        #expect(model.metrics.calibration.map(\.count).reduce(0, +) == Int64(labels.count))
        #expect((reported["accuracy"] ?? 0) >= (reported["baseline_accuracy"] ?? 1) - 0.01)
    }

    /// Every explanation: base + all contributions == margin == XGBoost's margin; the probability matches.
    private func checkExplanations(_ model: IncidentModel, table: IncidentTable, rows: [Int]) throws {
        let encoding = model.descriptor.encoding
        for row in rows {
            let incident = table.features(row)
            let answer = try model.answer(incident, topContributions: 0, topClasses: 5)
            let explanation = try #require(answer.explanation)
            #expect(explanation.contributions.count == encoding.featureCount)
            let sum = explanation.baseValue + explanation.contributions.map(\.contribution).reduce(0, +)
            #expect(abs(sum - explanation.margin) < 1e-9)
            var values: [Float] = []
            encoding.encode(incident, into: &values)
            let matrix = try XGBoostMatrix(values: values, rows: 1, columns: encoding.featureCount)
            let margins = try model.booster.predict(matrix, kind: .margin).values
            let probabilities = try model.booster.predict(matrix).values
            if model.kind == .crimeType {
                let best = try #require(probabilities.indices.max { probabilities[$0] < probabilities[$1] })
                #expect(answer.topClasses.first?.label == model.descriptor.classes[best])
                #expect(abs(explanation.margin - Double(margins[best])) < 1e-4)
                #expect(abs(answer.probability - Double(probabilities[best])) < 1e-5)
                #expect(answer.topClasses.count == 5)
            } else {
                #expect(abs(explanation.margin - Double(margins[0])) < 1e-4)
                #expect(abs(answer.probability - Double(probabilities[0])) < 1e-5)
            }
        }
    }
}
