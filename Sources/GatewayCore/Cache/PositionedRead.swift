import Contracts

/// A heatmap read that may ask for at least an outbox position (`min_position`): the gateway sends
/// it first to the replicas its position watcher knows to be there (``BackendCaller``), so that a
/// lagging replica does not make the reader wait for its catch-up.
protocol PositionedRead {
    var minPosition: Int64 { get }
}

extension BeatHeatmapRequest: PositionedRead {}
extension WindowHeatmapRequest: PositionedRead {}
extension YearGridsRequest: PositionedRead {}
extension HexHotspotsRequest: PositionedRead {}
extension SeriesRequest: PositionedRead {}
extension SignificanceRequest: PositionedRead {}
extension AreaDetailRequest: PositionedRead {}
extension ListCitiesRequest: PositionedRead {}
