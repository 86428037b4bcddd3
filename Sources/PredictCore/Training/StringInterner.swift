/// Gives each distinct string a small integer, so a million rows hold codes, not strings.
struct StringInterner: Sendable {
    private(set) var names: [String] = []
    private var codes: [String: Int32] = [:]

    mutating func code(_ name: String) -> Int32 {
        if let code = codes[name] { return code }
        let code = Int32(names.count)
        names.append(name)
        codes[name] = code
        return code
    }
}
