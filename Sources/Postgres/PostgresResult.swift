import CLibPQ

/// Owns one `PGresult` and frees it when the last reference goes.
///
/// A `PGresult` is read-only once returned and libpq allows reading it from any thread,
/// which is why this wrapper (and the rows over it) can be `Sendable`.
final class PostgresResult: @unchecked Sendable {
    let pointer: OpaquePointer
    let rowCount: Int
    let columnNames: [String]
    let columnTypes: [PostgresTypeOID]
    let columnIndexByName: [String: Int]
    let affectedRows: Int

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
        rowCount = Int(PQntuples(pointer))
        let columnCount = Int(PQnfields(pointer))
        var names: [String] = []
        var types: [PostgresTypeOID] = []
        var indexByName: [String: Int] = [:]
        for column in 0..<columnCount {
            let name = PQfname(pointer, Int32(column)).map { String(cString: $0) } ?? "?column?"
            names.append(name)
            types.append(PostgresTypeOID(rawValue: PQftype(pointer, Int32(column))))
            if indexByName[name] == nil { indexByName[name] = column }
        }
        columnNames = names
        columnTypes = types
        columnIndexByName = indexByName
        affectedRows = PQcmdTuples(pointer).flatMap { Int(String(cString: $0)) } ?? 0
    }

    deinit { PQclear(pointer) }

    func cell(row: Int, column: Int) -> PostgresCell {
        let bytes: UnsafeBufferPointer<UInt8>?
        if PQgetisnull(pointer, Int32(row), Int32(column)) != 0 {
            bytes = nil
        } else {
            let length = Int(PQgetlength(pointer, Int32(row), Int32(column)))
            let start = PQgetvalue(pointer, Int32(row), Int32(column)).map {
                UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)
            }
            bytes = UnsafeBufferPointer(start: start, count: start == nil ? 0 : length)
        }
        return PostgresCell(bytes: bytes, type: columnTypes[column], columnName: columnNames[column], columnIndex: column)
    }
}
