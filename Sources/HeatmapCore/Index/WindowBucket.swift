/// A time bucket of the in-memory window rollup: its grain and start (local seconds).
struct WindowBucket: Sendable, Hashable {
    var grain: WindowGrain
    var start: Int64
}
