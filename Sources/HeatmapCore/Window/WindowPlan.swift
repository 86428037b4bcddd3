/// How a window `[start, end)` (whole hours) is answered exactly from the bucketed rollup:
/// the buckets of the chosen grain that lie fully inside it, and, for the partial buckets at
/// both edges, the finer grains' buckets that fill them (down to hours).
///
/// Every incident with `start ≤ t < end` is in exactly one listed bucket, so summing the
/// listed buckets equals an exact count.
struct WindowPlan: Sendable, Equatable {
    /// A run of consecutive buckets of one grain: bucket starts in `[from, to)`.
    struct Span: Sendable, Equatable {
        let grain: WindowGrain
        let from: Int64
        let to: Int64
    }

    let spans: [Span]

    /// Plans `[start, end)` with `grain` as the coarsest grain; both ends must be whole hours.
    init(start: Int64, end: Int64, grain: WindowGrain) {
        var spans: [Span] = []
        Self.fill(start, end, grain: grain, into: &spans)
        self.spans = spans.sorted { ($0.grain.rawValue, $0.from) < ($1.grain.rawValue, $1.from) }
    }

    private static func fill(_ start: Int64, _ end: Int64, grain: WindowGrain, into spans: inout [Span]) {
        guard start < end else { return }
        guard let finer = grain.finer else {
            spans.append(Span(grain: .hourly, from: start, to: end))
            return
        }
        let first = grain.ceilingStart(start)
        var last = first  // the end of the last full bucket
        while true {
            let next = grain.nextStart(after: last)
            guard next <= end else { break }
            last = next
        }
        guard first < last else {
            fill(start, end, grain: finer, into: &spans)
            return
        }
        spans.append(Span(grain: grain, from: first, to: last))
        fill(start, first, grain: finer, into: &spans)
        fill(last, end, grain: finer, into: &spans)
    }
}
