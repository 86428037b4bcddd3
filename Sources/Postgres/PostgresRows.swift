/// The rows a statement returned, decoded lazily and typed on access.
///
/// `PostgresRows` is a random-access collection of ``PostgresRow``; it keeps the libpq result alive
/// and is `Sendable`, so it can be returned from a pool call. For INSERT/UPDATE/DELETE/COPY,
/// ``affectedRows`` is the server's count (`PQcmdTuples`).
package struct PostgresRows: RandomAccessCollection, Sendable {
    let result: PostgresResult

    init(result: PostgresResult) { self.result = result }

    package var startIndex: Int { 0 }
    package var endIndex: Int { result.rowCount }
    package subscript(position: Int) -> PostgresRow { PostgresRow(result: result, index: position) }

    /// The column names, in order.
    var columnNames: [String] { result.columnNames }
    /// The column types, in order.
    var columnTypes: [PostgresTypeOID] { result.columnTypes }
    /// Rows inserted, updated, deleted, copied or selected, as reported by the server (0 if none).
    package var affectedRows: Int { result.affectedRows }

    /// Decodes column 0 of the first row, the common shape of `SELECT count(*) …`.
    /// Throws a decoding error if there is no row.
    package func scalar<T: PostgresDecodable>(_ type: T.Type = T.self) throws(PostgresError) -> T {
        guard let row = first else {
            throw PostgresError(kind: .decoding, message: "expected one row, the query returned none")
        }
        return try row.decode(type, at: 0)
    }
}
