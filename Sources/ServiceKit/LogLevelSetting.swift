import Logging

/// Parses a log level name as operators write it.
enum LogLevelSetting {
    static func parse(_ text: String) -> Logger.Level? {
        Logger.Level(rawValue: text.lowercased())
    }
}
