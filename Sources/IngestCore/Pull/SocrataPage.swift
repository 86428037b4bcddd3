import Foundation

/// One page of a SODA response: how many rows it holds and the bytes between its outer `[` and `]`
/// (the elements, comma-separated, exactly as the server wrote them).
struct SocrataPage: Sendable {
    /// The `$offset` the page was asked for.
    let offset: Int
    /// Elements in the page; fewer than the page size means it is the last page.
    let rowCount: Int
    /// The array's contents without its brackets (empty for `[]`).
    let elements: [UInt8]

    /// Checks that `body` is a JSON array and keeps its contents.
    init(offset: Int, url: String, body: Data) throws(SocrataPullError) {
        let array: [Any]
        do {
            guard let value = try JSONSerialization.jsonObject(with: body) as? [Any] else {
                throw SocrataPullError.malformed(url: url, problem: "the top-level value is not an array")
            }
            array = value
        } catch let error as SocrataPullError {
            throw error
        } catch {
            throw SocrataPullError.malformed(url: url, problem: error.localizedDescription)
        }
        let bytes = [UInt8](body)
        guard let open = bytes.firstIndex(of: UInt8(ascii: "[")), let close = bytes.lastIndex(of: UInt8(ascii: "]")), open < close else {
            throw SocrataPullError.malformed(url: url, problem: "no enclosing brackets")
        }
        self.offset = offset
        self.rowCount = array.count
        self.elements = array.isEmpty ? [] : Array(bytes[(open + 1)..<close])
    }
}
