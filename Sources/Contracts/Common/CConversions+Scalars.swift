import CrimeScopeProtos

// Helpers for the field kinds the first contracts did not need: bools (`protobuf_c_boolean`
// is a C `int`), repeated bools and `map<string, double>` fields. Repeated numeric fields
// use `CArena.array` and `CRead.array` directly: their Swift and C element types match.

extension CRead {
    /// A `protobuf_c_boolean` as a Swift `Bool`.
    static func bool(_ value: protobuf_c_boolean) -> Bool { value != 0 }

    /// A repeated bool field (`n_x` + array of `protobuf_c_boolean`).
    static func bools(_ count: Int, _ pointer: UnsafeMutablePointer<protobuf_c_boolean>?) -> [Bool] {
        array(count, pointer).map(bool)
    }

    /// A `map<string, double>` field (`n_x` + array of entry pointers); a later entry wins
    /// over an earlier one with the same key, as protobuf specifies.
    static func doubleMap<Entry>(
        _ count: Int, _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<Entry>?>?,
        key: (Entry) -> UnsafeMutablePointer<CChar>?, value: (Entry) -> Double
    ) -> [String: Double] {
        var map: [String: Double] = [:]
        for entry in array(count, pointer) {
            guard let entry else { continue }
            map[string(key(entry.pointee))] = value(entry.pointee)
        }
        return map
    }
}

/// Writing helpers for scalars that need no arena memory.
enum CWrite {
    /// A Swift `Bool` as a `protobuf_c_boolean`.
    static func bool(_ value: Bool) -> protobuf_c_boolean { value ? 1 : 0 }
}

extension CArena {
    /// A C array of `protobuf_c_boolean` for a repeated bool field, or nil when empty.
    func bools(_ values: [Bool]) -> UnsafeMutablePointer<protobuf_c_boolean>? {
        array(values.map(CWrite.bool))
    }

    /// A C array of map entry pointers for a `map<string, double>` field, sorted by key so
    /// that the encoding is deterministic.
    func doubleMap<Entry>(
        _ map: [String: Double], initialise: (UnsafeMutablePointer<Entry>) -> Void,
        set: (inout Entry, UnsafeMutablePointer<CChar>, Double) -> Void
    ) -> UnsafeMutablePointer<UnsafeMutablePointer<Entry>?>? {
        array(map.sorted { $0.key < $1.key }.map { key, value -> UnsafeMutablePointer<Entry>? in
            let entry = message(Entry.self, initialise: initialise)
            set(&entry.pointee, string(key), value)
            return entry
        })
    }
}
