import BackendKit
import CivilTime
import Contracts
import Foundation
@testable import IngestCore
@testable import PredictCore
import ServiceKit
import TestSupport
import Testing
import Wire

/// Training refuses models whose label has one value, before any tree is grown, naming the city,
/// each such model and its label, and the models the data can train; nothing is saved or
/// replaced. NYPD's arrest records (every row an arrest, none flagged domestic) go through the
/// real ingest service into the real predict handlers; a Chicago slice checks the training window.
@Suite struct SingleValuedLabelTests {
    static let nypd = "nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz"
    static let nycRows = 19_452

    @Test func nycArrestRecordsRefuseTheArrestModel() async throws {
        try await TestDatabase.withDatabase(label: "predict_single_label") { database in
            let services = try await PredictTestServices.start(database: database, city: "nyc", format: .nypdArrestsCSV) { _ in
                try SharedData.url(Self.nypd).path
            }
            let registry = ModelRegistry(), jobs = TrainingJobs()
            let handlers = PredictHandlers(registry: registry, jobs: jobs, pipeline: services.pipeline(registry: registry),
                                           writeAuthorization: WriteAuthorization(token: PredictTestServices.token))
            try await services.serving(handlers) { client in
                try await check(client, jobs: jobs, store: PredictStore(pool: services.pool), registry: registry)
            }
        }
    }

    private func check(_ client: RPCClient, jobs: TrainingJobs, store: PredictStore, registry: ModelRegistry) async throws {
        let bearer = [MetadataEntry(key: "authorization", value: "Bearer \(PredictTestServices.token)")]
        // The arrest model alone, synchronously: the call itself fails with FAILED_PRECONDITION.
        do {
            let progress = try await client.call(Methods.Predict.train, TrainRequest(city: "nyc", kinds: [.arrest]), metadata: bearer)
            Issue.record("training the arrest model on arrest records succeeded: \(progress)")
        } catch let error as RPCError {
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("cannot train the models of 'nyc'"), "\(error.message)")
            #expect(error.message.contains("the arrest model's label 'arrest' is true in every one of the \(Self.nycRows) rows loaded"),
                    "\(error.message)")
            #expect(error.message.contains("none of the requested models can be trained"), "\(error.message)")
            #expect(!error.message.contains("domestic"), "only the requested model is named: \(error.message)")
        }

        // Every model, as the gateway asks (asynchronously): the job fails naming arrest and
        // domestic, and says the property and crime-type models could be trained.
        let started = try await client.call(Methods.Predict.train, TrainRequest(city: "nyc", asynchronous: true), metadata: bearer)
        #expect(started.jobID > 0)
        let ended = try #require(await jobs.wait(started.jobID))
        let reported = try await client.call(Methods.Predict.getTrainingProgress, GetTrainingProgressRequest(jobID: started.jobID))
        #expect(reported == ended)
        #expect(reported.finished && reported.phase == "failed")
        #expect(reported.error.contains("the arrest model's label 'arrest' is true in every one of the \(Self.nycRows) rows loaded"),
                "\(reported.error)")
        #expect(reported.error.contains("the domestic model's label 'domestic' is false in every one of the \(Self.nycRows) rows loaded"),
                "\(reported.error)")
        #expect(reported.error.contains("train only property (MODEL_KIND_PROPERTY), crime-type (MODEL_KIND_CRIME_TYPE)"),
                "\(reported.error)")
        #expect(jobs.refusal(started.jobID) != nil)

        // Nothing was trained, saved or installed.
        #expect(try await store.currentVersions().filter { $0.city == "nyc" }.isEmpty)
        #expect(registry.models(city: "nyc").isEmpty)
        do {
            _ = try await client.call(Methods.Predict.getModelMetrics, GetModelMetricsRequest(city: "nyc"))
            Issue.record("nyc has model metrics after a refused training")
        } catch let error as RPCError {
            #expect(error.code == .failedPrecondition)
        }
    }

    /// A label that varies over the loaded rows but not inside the training window is refused too,
    /// naming the window: the Chicago slice with every training-year arrest flag cleared.
    @Test func aLabelConstantInTheTrainingWindowIsRefused() async throws {
        try await TestDatabase.withDatabase(label: "predict_single_window") { database in
            let services = try await PredictTestServices.start(database: database)
            var table: IncidentTable
            do {
                table = try await services.fetchTable()
                await services.stop()
            } catch {
                await services.stop()
                throw error
            }
            for row in 0..<table.count where LocalDateTime(localSeconds: table.localSeconds[row]).year == 2015 { table.arrests[row] = false }
            #expect(table.count > 10_000)
            #expect((0..<table.count).contains { table.arrest($0) }, "later years keep their arrests")
            let trainer = IncidentModelTrainer(settings: IncidentModelTests.settings)
            let error = #expect(throws: PredictError.self) { _ = try trainer.train(city: "chicago", table: table, kinds: [.arrest, .domestic]) }
            guard case .failedPrecondition(let message) = error else {
                Issue.record("expected FAILED_PRECONDITION, got \(String(describing: error))")
                return
            }
            #expect(message.contains("the arrest model's label 'arrest' is false in every one of the"), "\(message)")
            #expect(message.contains("rows of the training window 2015-01-01..2016-01-01"), "\(message)")
            #expect(message.contains("train only domestic (MODEL_KIND_DOMESTIC)"), "\(message)")
        }
    }
}
