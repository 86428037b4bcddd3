import Contracts
import Foundation

/// Turns a StartLoad request into a ``LoadRequest``, or explains what is wrong with it.
enum StartLoadPlanner {
    static func plan(_ request: StartLoadRequest) throws -> LoadRequest {
        let city = try RequestValidation.city(request.city)
        let input: LoadInput
        switch (request.serverPath.isEmpty, request.content.isEmpty) {
        case (false, false):
            throw IngestError.invalidArgument("give either server_path or content, not both")
        case (true, true):
            throw IngestError.invalidArgument("nothing to load: give server_path (a file on the ingest server) or content")
        case (false, true):
            guard request.serverPath.hasPrefix("/") else {
                throw IngestError.invalidArgument("server_path must be absolute, got '\(request.serverPath)'")
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: request.serverPath, isDirectory: &isDirectory), !isDirectory.boolValue,
                  FileManager.default.isReadableFile(atPath: request.serverPath)
            else { throw IngestError.notFound("no readable file at \(request.serverPath) on the ingest server") }
            input = .file(path: request.serverPath)
        case (true, false):
            let name = request.contentName.isEmpty ? "upload" : request.contentName
            input = .bytes(request.content, name: name)
        }
        let format = try LoadFormat(contract: request.format) ?? detect(input)
        guard format.fits(city) else {
            throw IngestError.invalidArgument("format \(format.contract.name) cannot load city \(city.slug)")
        }
        return LoadRequest(city: city, format: format, input: input)
    }

    /// Recognises the format from the first 64 KiB (decompressed).
    static func detect(_ input: LoadInput) throws -> LoadFormat {
        let source = try input.open()
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        var filled = 0
        while filled < bytes.count {
            let count = try bytes.withUnsafeMutableBytes { buffer in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            }
            if count == 0 { break }
            filled += count
        }
        guard let detected = SourceFormat.detect(firstBytes: Array(bytes[0..<filled])) else {
            throw IngestError.invalidArgument("cannot recognise the format of \(input.sourceName): name it in format")
        }
        return LoadFormat(detected: detected)
    }
}
