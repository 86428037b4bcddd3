import Foundation
import CLibPQ
import Logging

/// Receives the server's NOTICE/WARNING messages for one connection and logs them at `.notice`,
/// instead of libpq's default of printing them to stderr.
final class PostgresNoticeSink {
    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    /// Installs this sink on `connection`; the sink must outlive the connection (the owner keeps both).
    func install(on connection: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        PQsetNoticeProcessor(connection, { context, message in
            guard let context, let message else { return }
            let sink = Unmanaged<PostgresNoticeSink>.fromOpaque(context).takeUnretainedValue()
            let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
            sink.logger.notice("\(text)")
        }, context)
    }
}
