/// A set of hours of day as a 24-bit mask. `hour_min > hour_max` wraps midnight:
/// 22 → 5 is 22, 23, 0, 1, …, 5. Month-only cells (hour -1) never match a filter.
struct HourFilter: Sendable, Hashable {
    /// Bit `h` set when hour `h` is included.
    let mask: UInt32

    /// Hours `minimum` through `maximum` inclusive, wrapping midnight when `minimum > maximum`.
    /// Both must be 0-23 (checked by the caller).
    init(minimum: Int, maximum: Int) {
        var mask: UInt32 = 0
        var hour = minimum
        while true {
            mask |= 1 << UInt32(hour)
            if hour == maximum { break }
            hour = (hour + 1) % 24
        }
        self.mask = mask
    }

    /// Whether `hour` (0-23, or -1 for unknown) is in the set.
    @inline(__always)
    func contains(_ hour: Int8) -> Bool {
        hour >= 0 && mask & (1 << UInt32(hour)) != 0
    }

    /// The hours in the set, ascending.
    var hours: [Int] { (0..<24).filter { mask & (1 << UInt32($0)) != 0 } }
}
