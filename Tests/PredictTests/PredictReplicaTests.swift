import Contracts
import Foundation
@testable import PredictCore
import TestSupport
import Testing
@testable import Wire

/// Two real `predict serve` processes on one database (issue 15's predict replicas): a Train sent
/// to each at the same moment runs exactly one job, the other replica answers ALREADY_EXISTS
/// naming it, and both replicas then serve the model that job saved.
@Suite("Predict replicas", .serialized, .timeLimit(.minutes(10)))
struct PredictReplicaTests {
    @Test("Train on both replicas → one job, the other ALREADY_EXISTS with its id; both then serve the new model; the lease is freed")
    func oneJobAcrossReplicas() async throws {
        try await TestDatabase.withDatabase(label: "predict_replicas") { database in
            let services = try await PredictTestServices.start(database: database)
            let replicas = try ["a", "b"].map { name in
                let folder = services.folder.url.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let socket = folder.appendingPathComponent("predict.sock").path
                let process = try ServiceProcess("predict", arguments: [
                    "serve", "--listen", "unix://\(socket)", "--database-url", database.url, "--write-token", PredictTestServices.token,
                    "--ingest-endpoint", services.ingestEndpoint.description, "--heatmap-endpoint", "unix://\(folder.path)/no-heatmap.sock",
                    "--model-reload-seconds", "1",
                ], environment: ["OMP_WAIT_POLICY": "PASSIVE"], logDirectory: folder)
                return (process: process, client: RPCClient(endpoint: .unix(path: socket)))
            }
            do {
                try await check(replicas.map(\.client), logs: { replicas.map { $0.process.log() }.joined(separator: "\n---\n") },
                                pool: services)
            } catch {
                for replica in replicas { await replica.client.close(); _ = await replica.process.terminate() }
                await services.stop()
                throw error
            }
            for replica in replicas {
                await replica.client.close()
                #expect(await replica.process.terminate() == 0, "graceful stop; log:\n\(replica.process.log())")
            }
            await services.stop()
        }
    }

    private func check(_ clients: [RPCClient], logs: () -> String, pool services: PredictTestServices) async throws {
        for client in clients { try await waitForHealth(client, logs: logs) }
        let bearer = [MetadataEntry(key: "authorization", value: "Bearer \(PredictTestServices.token)")]
        let request = TrainRequest(city: "chicago", kinds: [.arrest], asynchronous: true)
        async let first = outcome { try await clients[0].call(Methods.Predict.train, request, metadata: bearer) }
        async let second = outcome { try await clients[1].call(Methods.Predict.train, request, metadata: bearer) }
        let answers = await [first, second]
        let started = answers.enumerated().compactMap { index, answer in answer.progress.map { (index, $0) } }
        let refused = answers.compactMap(\.error)
        try #require(started.count == 1 && refused.count == 1, "answers: \(answers)\n\(logs())")
        let (owner, job) = started[0]
        #expect(refused[0].code == .alreadyExists, "\(refused[0])")
        #expect(refused[0].message.contains("already running as job \(job.jobID) on replica"), "\(refused[0].message)")

        // The job runs on its replica only; wait for its end through GetTrainingProgress.
        var progress = job
        while !progress.finished {
            progress = try await clients[owner].call(Methods.Predict.getTrainingProgress, GetTrainingProgressRequest(jobID: job.jobID))
        }
        #expect(progress.phase == "done" && progress.error.isEmpty, "\(progress)\n\(logs())")
        let saved = try #require(try await PredictStore(pool: services.pool).currentModels().first { $0.kind == .arrest })

        // Both replicas serve the saved model: the owner at once, the other after its reload.
        for client in clients {
            var served = ""
            while served != saved.version {
                let metrics = try? await client.call(Methods.Predict.getModelMetrics, GetModelMetricsRequest(city: "chicago"))
                served = metrics?.models.first { $0.kind == .arrest }?.modelVersion ?? ""
            }
            let answer = try await client.call(Methods.Predict.predict, PredictRequest(context: PredictRPCTests.context))
            #expect(answer.answers.first?.modelVersion == saved.version)
        }
        // The finished job gave the lease up: the other replica may train now.
        let next = try await clients[1 - owner].call(Methods.Predict.train, request, metadata: bearer)
        #expect(next.jobID > job.jobID)
        var last = next
        while !last.finished {
            last = try await clients[1 - owner].call(Methods.Predict.getTrainingProgress, GetTrainingProgressRequest(jobID: next.jobID))
        }
        #expect(last.phase == "done", "\(last)")
    }

    private struct Outcome: CustomStringConvertible {
        var progress: TrainingProgress?
        var error: RPCError?
        var description: String { progress.map { "started \($0)" } ?? "refused \(error.map { "\($0)" } ?? "?")" }
    }

    private func outcome(_ body: () async throws -> TrainingProgress) async -> Outcome {
        do {
            return Outcome(progress: try await body())
        } catch let error as RPCError {
            return Outcome(error: error)
        } catch {
            return Outcome(error: RPCError(.unknown, "\(error)"))
        }
    }

    /// Asks Health until the replica answers (a starting service announces nothing); a call that
    /// times out is asked again, so its timeout bounds nothing.
    private func waitForHealth(_ client: RPCClient, logs: () -> String) async throws {
        do {
            _ = try await waitForState("predict serve to answer Health/Check", every: .milliseconds(100)) {
                (try? await client.call(Methods.Health.check, HealthCheckRequest(), timeout: .seconds(2))) != nil ? true : nil
            }
        } catch let error as HangGuardError {
            throw RPCError(.unavailable, "\(error); logs:\n\(logs())")
        }
    }
}
