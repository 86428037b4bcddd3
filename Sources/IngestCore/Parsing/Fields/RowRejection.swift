/// Why one row is refused; thrown (typed) by field decoders and caught per row by the parsers.
struct RowRejection: Error {
    let reason: String

    init(_ reason: String) { self.reason = reason }
}
