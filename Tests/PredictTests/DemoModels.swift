import Contracts
@testable import PredictCore
import TestSupport

/// The four per-incident models trained once per test run on every other incident of the demo's
/// Chicago 2017 (what `scripts/up.sh` serves), with the table they learnt from: rows by RPC from
/// a real ingest service over a throwaway database, real XGBoost.
struct DemoModels: Sendable {
    let table: IncidentTable
    let run: IncidentTrainingRun

    /// The model of `kind`.
    func model(_ kind: ModelKind) throws -> IncidentModel {
        guard let model = run.models.first(where: { $0.kind == kind }) else { throw SharedData.Missing(description: "no \(kind.slug) model") }
        return model
    }

    /// Trained on first use, shared by the tests that need it.
    static let trained = Task<DemoModels, any Error> {
        let table = try await TestDatabase.withDatabase(label: "predict_demo") { database in
            let services = try await PredictTestServices.start(database: database) { try DemoChicago2017.write(in: $0, every: 2) }
            do {
                let table = try await services.fetchTable()
                await services.stop()
                return table
            } catch {
                await services.stop()
                throw error
            }
        }
        return DemoModels(table: table, run: try IncidentModelTrainer(settings: IncidentModelTests.settings).train(city: "chicago", table: table))
    }
}
