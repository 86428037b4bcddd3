/// One field of a result row, as handed to ``PostgresDecodable/decode(from:)``: the raw text bytes
/// (valid only during the call), the column's type and name for checks and error messages.
package struct PostgresCell {
    /// The field's text-format bytes, or `nil` for SQL NULL. They belong to the result: do not keep them.
    package let bytes: UnsafeBufferPointer<UInt8>?
    /// The column's type.
    package let type: PostgresTypeOID
    /// The column's name, as the server reported it.
    let columnName: String
    /// The column's zero-based position.
    let columnIndex: Int

    init(bytes: UnsafeBufferPointer<UInt8>?, type: PostgresTypeOID, columnName: String, columnIndex: Int) {
        self.bytes = bytes
        self.type = type
        self.columnName = columnName
        self.columnIndex = columnIndex
    }

    /// The field as a String (`nil` for NULL).
    package var text: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    /// A decoding error naming this column.
    func decodingError(_ swiftType: Any.Type, reason: String) -> PostgresError {
        PostgresError(
            kind: .decoding,
            message: "cannot decode column \"\(columnName)\" (index \(columnIndex), type \(type)) as \(swiftType): \(reason)"
        )
    }

    /// The bytes of a non-NULL field, or a decoding error naming the column.
    func requireBytes(as swiftType: Any.Type) throws(PostgresError) -> UnsafeBufferPointer<UInt8> {
        guard let bytes else { throw decodingError(swiftType, reason: "the value is NULL; decode an Optional") }
        return bytes
    }

    /// Throws unless the column's type is acceptable for `swiftType`.
    func requireType(_ swiftType: Any.Type, _ accepted: (PostgresTypeOID) -> Bool) throws(PostgresError) {
        guard accepted(type) else { throw decodingError(swiftType, reason: "incompatible column type") }
    }
}
