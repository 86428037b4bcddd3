/// A load in progress: its run id, live progress, and its end.
package final class LoadJob: Sendable {
    /// The run recorded in `ingest.etl_runs`.
    package let runID: Int64
    /// Rows and bytes parsed, rows committed.
    package let progress: LoadProgressCounter
    private let queue: BlockingQueue<StagingItem>
    private let outcome: Task<LoadOutcome, Never>
    /// Set when the run has ended; a load started `after` this one waits on it before committing.
    let ended: LoadEndSignal
    private let settled: Task<Void, Never>

    init(runID: Int64, progress: LoadProgressCounter, queue: BlockingQueue<StagingItem>,
         outcome: Task<LoadOutcome, Never>, ended: LoadEndSignal, settled: Task<Void, Never>) {
        self.runID = runID
        self.progress = progress
        self.queue = queue
        self.outcome = outcome
        self.ended = ended
        self.settled = settled
    }

    /// Waits until the load's thread is done, the upkeep after its outcome included (the city's
    /// statistics, see `CityStatistics`).
    package func waitUntilSettled() async {
        await settled.value
    }

    /// Waits for the run to end. Cancelling the waiting task cancels the load (the batch in
    /// progress rolls back; committed batches stay).
    package func wait() async -> LoadOutcome {
        await withTaskCancellationHandler {
            await outcome.value
        } onCancel: {
            cancel()
        }
    }

    /// Stops the load: the batch in progress rolls back and the run is marked failed.
    package func cancel() {
        queue.close(with: LoadCancelled())
    }
}

/// How a load ended.
package struct LoadOutcome: Sendable, Equatable {
    package var runID: Int64
    /// `nil` when the run succeeded; otherwise the error recorded with the run.
    package var error: String?

    package var succeeded: Bool { error == nil }
}

/// The error a cancelled load records.
struct LoadCancelled: Error, CustomStringConvertible {
    var description: String { "cancelled: the load was stopped before it finished; committed batches are kept" }
}
