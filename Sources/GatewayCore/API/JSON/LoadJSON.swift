/// `POST /api/v1/ingest/loads`: the run the load started (`202`, still running) or ran (`200`
/// with `wait`), and where to follow it.
public struct LoadJSON: Codable, Sendable, Equatable {
    public var run: IngestRunsJSON.RunJSON?
    /// The rejects of the run (`GET`).
    public var rejects: String?
}
