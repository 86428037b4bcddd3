/// One row of ``PostgresRows``, decoded by column position or name.
package struct PostgresRow: Sendable {
    let result: PostgresResult
    /// The zero-based position of this row in its result.
    package let index: Int

    /// The number of columns.
    var columnCount: Int { result.columnNames.count }

    /// Decodes the column at `column` (zero-based). Throws a ``PostgresError/Kind/decoding`` error
    /// naming the column on NULL into a non-optional, an incompatible type, or a bad index.
    package func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws(PostgresError) -> T {
        guard column >= 0, column < columnCount else {
            throw PostgresError(kind: .decoding, message: "column index \(column) out of range (\(columnCount) columns)")
        }
        return try T.decode(from: result.cell(row: index, column: column))
    }

    /// Decodes the first column called `name` (exact, case-sensitive match).
    package func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws(PostgresError) -> T {
        guard let column = result.columnIndexByName[name] else {
            throw PostgresError(
                kind: .decoding,
                message: "no column named \"\(name)\"; columns are \(result.columnNames.joined(separator: ", "))"
            )
        }
        return try T.decode(from: result.cell(row: index, column: column))
    }

    /// Whether the column at `column` is NULL.
    func isNull(at column: Int) -> Bool {
        column >= 0 && column < columnCount && result.cell(row: index, column: column).bytes == nil
    }
}
