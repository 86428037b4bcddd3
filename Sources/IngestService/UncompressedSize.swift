import Foundation

/// The decompressed size of a file, for progress ETAs: `xz --robot --list` for `.xz` (read from
/// the archive's index), the gzip trailer's ISIZE for `.gz` (mod 2³²), the file size otherwise.
enum UncompressedSize {
    static func estimate(path: String) -> Int? {
        let url = URL(fileURLWithPath: path)
        switch url.pathExtension.lowercased() {
        case "xz": return xzSize(path: path)
        case "gz": return gzipSize(url: url)
        default: return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        }
    }

    private static func gzipSize(url: URL) -> Int? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), end >= 4 else { return nil }
        try? handle.seek(toOffset: end - 4)
        guard let trailer = try? handle.read(upToCount: 4), trailer.count == 4 else { return nil }
        return trailer.reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    private static func xzSize(path: String) -> Int? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xz", "--robot", "--list", "--", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // "totals <streams> <blocks> <compressed> <uncompressed> …", tab-separated.
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") where line.hasPrefix("totals") {
            let fields = line.split(separator: "\t")
            if fields.count > 4 { return Int(fields[4]) }
        }
        return nil
    }
}
