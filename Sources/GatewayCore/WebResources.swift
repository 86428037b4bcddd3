import Foundation

/// The gateway's own web files (`Sources/GatewayCore/Web`, copied as a SwiftPM resource).
enum WebResources {
    /// The `Web` folder in the bundle, or nil when it is missing.
    static var directory: URL? {
        Bundle.module.url(forResource: "Web", withExtension: nil)
    }

    /// A file of the `Web` folder by its relative path (`shared.js`, `views/month.js`; no `..`).
    static func data(_ name: String) -> Data? {
        guard StaticFileController.isSafeRelativePath(name), let directory else { return nil }
        return try? Data(contentsOf: directory.appendingPathComponent(name))
    }
}
