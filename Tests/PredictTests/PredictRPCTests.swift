import BackendKit
import Contracts
import Foundation
@testable import PredictCore
import ServiceKit
import TestSupport
import Testing
import Wire

/// The predict handlers over a real Unix socket: Train needs the token and runs as a job with
/// progress, then Predict answers with all four models, GetModelMetrics reports them, and bad
/// requests get clear statuses.
@Suite struct PredictRPCTests {
    @Test func trainThenPredictOverASocket() async throws {
        try await TestDatabase.withDatabase(label: "predict_rpc") { database in
            let services = try await PredictTestServices.start(database: database)
            let registry = ModelRegistry()
            let handlers = PredictHandlers(registry: registry, jobs: TrainingJobs(), pipeline: services.pipeline(registry: registry),
                                           writeAuthorization: WriteAuthorization(token: PredictTestServices.token))
            try await services.serving(handlers) { client in try await check(client) }
        }
    }

    static let context = IncidentContext(city: "chicago", area: "0111", hour: 22, dayOfWeek: 5, month: 7,
                                         locationDescription: "STREET", primaryType: "BATTERY")

    private func code(_ body: () async throws -> Void) async -> StatusCode? {
        do {
            try await body()
            return nil
        } catch let error as RPCError {
            return error.code
        } catch {
            return .unknown
        }
    }

    private func check(_ client: RPCClient) async throws {
        let predict = PredictRequest(context: Self.context, topContributions: 4, topClasses: 5)
        // No models yet.
        #expect(await code { _ = try await client.call(Methods.Predict.predict, predict) } == .failedPrecondition)
        #expect(await code { _ = try await client.call(Methods.Predict.getModelMetrics, GetModelMetricsRequest(city: "chicago")) } == .failedPrecondition)

        // Train needs the token.
        let train = TrainRequest(city: "chicago", asynchronous: true)
        #expect(await code { _ = try await client.call(Methods.Predict.train, train) } == .unauthenticated)
        #expect(await code {
            _ = try await client.call(Methods.Predict.train, train,
                                      metadata: [MetadataEntry(key: "authorization", value: "Bearer wrong")])
        } == .unauthenticated)
        let bearer = [MetadataEntry(key: "authorization", value: "Bearer \(PredictTestServices.token)")]
        #expect(await code {
            _ = try await client.call(Methods.Predict.train, TrainRequest(city: "chicago", kinds: [.beatForecast]), metadata: bearer)
        } == .invalidArgument)
        let started = try await client.call(Methods.Predict.train, train, metadata: bearer)
        #expect(started.jobID > 0)
        #expect(!started.finished)
        // GetTrainingProgress is the progress RPC (no push): ask it until the job has finished.
        var fractions: [Double] = []
        let progress = try await waitForState("training job \(started.jobID) to finish", every: .milliseconds(100)) {
            let progress = try await client.call(Methods.Predict.getTrainingProgress, GetTrainingProgressRequest(jobID: started.jobID))
            fractions.append(progress.fraction)
            return progress.finished ? progress : nil
        }
        #expect(progress.error == "")
        #expect(progress.phase == "done" && progress.fraction == 1)
        #expect(fractions == fractions.sorted())
        #expect(await code { _ = try await client.call(Methods.Predict.getTrainingProgress, GetTrainingProgressRequest(jobID: 999)) } == .notFound)

        // Four answers, each explained, margins adding up.
        let response = try await client.call(Methods.Predict.predict, predict)
        #expect(response.answers.map(\.kind) == [.arrest, .domestic, .property, .crimeType])
        for answer in response.answers {
            #expect(answer.modelVersion.hasSuffix("-xgboost-\(answer.kind.slug)"))
            #expect(answer.probability > 0 && answer.probability < 1)
            let explanation = try #require(answer.explanation)
            #expect(explanation.contributions.count == 4)
            #expect(explanation.contributions.map { abs($0.contribution) } == explanation.contributions.map { abs($0.contribution) }.sorted(by: >))
        }
        let type = try #require(response.answers.last)
        #expect(type.topClasses.count == 5)
        #expect(abs(type.topClasses[0].probability - type.probability) < 1e-12)
        // With every contribution, base + sum == margin.
        let full = try await client.call(Methods.Predict.predict, PredictRequest(context: Self.context))
        for answer in full.answers {
            let explanation = try #require(answer.explanation)
            #expect(abs(explanation.baseValue + explanation.contributions.map(\.contribution).reduce(0, +) - explanation.margin) < 1e-9)
        }

        // Metrics for the methodology page.
        let metrics = try await client.call(Methods.Predict.getModelMetrics, GetModelMetricsRequest(city: "chicago"))
        #expect(metrics.models.map(\.kind) == [.arrest, .domestic, .property, .crimeType])
        #expect(metrics.models.allSatisfy { $0.testWindow == "2017-01-01..2018-01-01" && !$0.importances.isEmpty })

        // Bad requests.
        var badHour = Self.context
        badHour.hour = 24
        #expect(await code { _ = try await client.call(Methods.Predict.predict, PredictRequest(context: badHour)) } == .invalidArgument)
        var badDay = Self.context
        badDay.dayOfWeek = 7
        #expect(await code { _ = try await client.call(Methods.Predict.predict, PredictRequest(context: badDay)) } == .invalidArgument)
        var unknownBeat = Self.context
        unknownBeat.area = "9999"
        #expect(await code { _ = try await client.call(Methods.Predict.predict, PredictRequest(context: unknownBeat)) } == .notFound)
        var otherCity = Self.context
        otherCity.city = "nyc"
        #expect(await code { _ = try await client.call(Methods.Predict.predict, PredictRequest(context: otherCity)) } == .failedPrecondition)
        #expect(await code { _ = try await client.call(Methods.Predict.predict, PredictRequest()) } == .invalidArgument)
    }
}
