import CrimeScopeProtos

/// `crimescope.ops.v1.ScrapeMetricsRequest` (no fields).
public struct ScrapeMetricsRequest: CBackedMessage {
    public static let protoName = "crimescope.ops.v1.ScrapeMetricsRequest"
    public init() {}

    typealias CMessage = Crimescope__Ops__V1__ScrapeMetricsRequest
    static let cInit = crimescope__ops__v1__scrape_metrics_request__init
    static let cUnpack = crimescope__ops__v1__scrape_metrics_request__unpack
    static let cFree = crimescope__ops__v1__scrape_metrics_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {}
    init(c: CMessage) {}
}
