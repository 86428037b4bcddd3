import Foundation

/// The process environment, read where configuration is resolved.
public enum ProcessEnvironment {
    public static var current: [String: String] { ProcessInfo.processInfo.environment }
}
