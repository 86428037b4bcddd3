import Contracts
@testable import PredictCore
import Testing

/// The training jobs' state driven by events alone: no task, lease or database.
@Suite("Training job table: one job per city, progress that ends once")
struct TrainingJobTableTests {
    @Test func aCityRunsOneJobAtATime() throws {
        var table = TrainingJobTable()
        try table.claim(city: "chicago")
        #expect(throws: PredictError.alreadyExists("a training of 'chicago' is already running as job 0 (starting)")) {
            try table.claim(city: "chicago")
        }
        try table.claim(city: "nyc")
        let id = table.start(city: "chicago", leaseJobID: nil)
        #expect(throws: PredictError.alreadyExists("a training of 'chicago' is already running as job \(id)")) {
            try table.claim(city: "chicago")
        }
        table.finish(id, city: "chicago", .succeeded)
        #expect(table.runningJob(city: "chicago") == nil)
        try table.claim(city: "chicago")
    }

    @Test func aLeaseThatCannotBeTakenFreesTheCity() throws {
        var table = TrainingJobTable()
        try table.claim(city: "chicago")
        table.abandon(city: "chicago")
        #expect(table.runningJob(city: "chicago") == nil)
        try table.claim(city: "chicago")
    }

    @Test func idsComeFromTheLeaseOrTheProcessSequence() throws {
        var table = TrainingJobTable()
        try table.claim(city: "a")
        #expect(table.start(city: "a", leaseJobID: nil) == 1)
        try table.claim(city: "b")
        #expect(table.start(city: "b", leaseJobID: 41) == 41)
        try table.claim(city: "c")
        // The local sequence continues after the largest id seen, so ids never repeat.
        #expect(table.start(city: "c", leaseJobID: nil) == 42)
    }

    @Test func progressIsQueuedThenReportedThenFrozenWhenFinished() throws {
        var table = TrainingJobTable()
        try table.claim(city: "chicago")
        let id = table.start(city: "chicago", leaseJobID: nil)
        #expect(table.progress(id) == TrainingProgress(jobID: id, phase: "queued", fraction: 0))
        table.report(id, phase: "training arrest", fraction: 0.4)
        #expect(table.progress(id)?.phase == "training arrest" && table.progress(id)?.fraction == 0.4)
        table.finish(id, city: "chicago", .succeeded)
        table.report(id, phase: "late report", fraction: 0.5)
        #expect(table.progress(id) == TrainingProgress(jobID: id, phase: "done", fraction: 1, finished: true))
        table.report(99, phase: "unknown job", fraction: 1)
        #expect(table.progress(99) == nil)
    }

    @Test func aFailureKeepsItsMessageAndItsRefusal() throws {
        var table = TrainingJobTable()
        try table.claim(city: "nyc")
        let refused = table.start(city: "nyc", leaseJobID: nil)
        let refusal = PredictError.failedPrecondition("arrest has one value")
        table.finish(refused, city: "nyc", .failed(message: "\(refusal)", refusal: refusal))
        #expect(table.progress(refused)?.phase == "failed" && table.progress(refused)?.finished == true)
        #expect(table.progress(refused)?.error == "\(refusal)")
        #expect(table.refusal(refused) == refusal)
        try table.claim(city: "nyc")
        let crashed = table.start(city: "nyc", leaseJobID: nil)
        table.finish(crashed, city: "nyc", .failed(message: "xgboost: out of memory", refusal: nil))
        #expect(table.refusal(crashed) == nil && table.progress(crashed)?.error == "xgboost: out of memory")
    }
}
