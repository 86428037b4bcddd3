import Foundation
import Hummingbird

/// Writes an ``ExportTable`` as a streamed response body: rows are encoded into a buffer that is
/// handed to the connection every ``chunkBytes``, so a large export (every Chicago beat over
/// every year, a year of grid cells) never exists as one string.
enum ExportStream {
    static let chunkBytes = 64 * 1024

    /// The `200` response: `Content-Disposition: attachment` with the filters in the file name.
    static func response(_ table: ExportTable, format: ExportFormat) -> Response {
        let fileName = "\(table.fileStem).\(format.rawValue)"
        let headers: HTTPFields = [
            .contentType: format.contentType,
            .contentDisposition: "attachment; filename=\"\(fileName)\"",
            .cacheControl: "no-cache",
        ]
        let body = ResponseBody { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(chunkBytes + 4096)
            switch format {
            case .csv: try await writeCSV(table, into: &buffer, writer: &writer)
            case .geojson: try await writeGeoJSON(table, into: &buffer, writer: &writer)
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    static func flushIfFull(_ buffer: inout ByteBuffer, writer: inout any ResponseBodyWriter) async throws {
        guard buffer.readableBytes >= chunkBytes else { return }
        try await writer.write(buffer)
        buffer.clear()
    }

    static func writeCSV(_ table: ExportTable, into buffer: inout ByteBuffer, writer: inout any ResponseBodyWriter) async throws {
        for (name, value) in table.metadata {
            buffer.writeString("# \(name): \(plain(value))\n")
        }
        buffer.writeString(table.columns.map(csvField).joined(separator: ",") + "\n")
        for index in 0..<table.rowCount {
            let cells = table.row(index).cells
            for (position, cell) in cells.enumerated() {
                if position > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                switch cell {
                case .text(let text): buffer.writeString(csvField(text))
                case .integer(let value): buffer.writeString(String(value))
                case .number(let value): if value.isFinite { buffer.writeString(String(value)) }
                case .empty: break
                }
            }
            buffer.writeInteger(UInt8(ascii: "\n"))
            try await flushIfFull(&buffer, writer: &writer)
        }
    }

    static func writeGeoJSON(_ table: ExportTable, into buffer: inout ByteBuffer, writer: inout any ResponseBodyWriter) async throws {
        buffer.writeString(#"{"type":"FeatureCollection","metadata":{"#)
        for (position, (name, value)) in table.metadata.enumerated() {
            if position > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeString(jsonString(name) + ":" + json(value))
        }
        buffer.writeString(#"},"features":["#)
        let keys = table.columns.map { jsonString($0) + ":" }
        for index in 0..<table.rowCount {
            let (cells, geometry) = table.row(index)
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeString(#"{"type":"Feature","properties":{"#)
            for (position, cell) in cells.enumerated() where position < keys.count {
                if position > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                buffer.writeString(keys[position])
                buffer.writeString(json(cell))
            }
            buffer.writeString(#"},"geometry":"#)
            buffer.writeString(geometry ?? "null")
            buffer.writeInteger(UInt8(ascii: "}"))
            try await flushIfFull(&buffer, writer: &writer)
        }
        buffer.writeString("]}")
    }

    /// A metadata value in the CSV comment block (line breaks flattened: one fact per line).
    static func plain(_ cell: ExportCell) -> String {
        switch cell {
        case .text(let text): text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? String(value) : ""
        case .empty: ""
        }
    }

    /// RFC 4180 quoting; a text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
    /// first) is prefixed with `'`.
    static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func json(_ cell: ExportCell) -> String {
        switch cell {
        case .text(let text): jsonString(text)
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? String(value) : "null"
        case .empty: "null"
        }
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
