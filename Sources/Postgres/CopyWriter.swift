import CLibPQ

/// Streams data to the server during ``PostgresConnection/copyIn(_:_:)``, in chunks of about 64 KiB.
///
/// Only valid inside the `copyIn` closure that received it.
package final class CopyWriter {
    /// The size at which buffered data is sent with `PQputCopyData`.
    static let chunkSize = 64 * 1024

    private var connection: OpaquePointer?
    private var buffer: [UInt8] = []
    /// Rows written with ``writeRow(_:)`` so far.
    private(set) var rowsWritten = 0

    init(connection: OpaquePointer) {
        self.connection = connection
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Encodes and writes one row in text format (see ``CopyTextEncoder``), fields in column order.
    func writeRow(_ values: PostgresParameters) throws(PostgresError) {
        CopyTextEncoder.appendRow(values, to: &buffer)
        rowsWritten += 1
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Writes pre-encoded COPY data (for example whole lines of CSV when the COPY says `FORMAT csv`).
    package func writeRaw<Bytes: Sequence>(_ bytes: Bytes) throws(PostgresError) where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Sends everything buffered so far.
    func flush() throws(PostgresError) {
        guard !buffer.isEmpty else { return }
        guard let connection else {
            throw PostgresError(kind: .copy, message: "CopyWriter used after its copyIn call returned")
        }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 1 else {
            throw PostgresError(kind: .copy, message: PostgresDiagnostics.connectionMessage(connection))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Detaches the writer from its connection once the COPY is over.
    func invalidate() { connection = nil }
}
