import Logging

extension SettingKey {
    /// A log level setting (trace … critical, any case), `info` by default.
    public func logLevel(flag value: String?, environment: [String: String]) throws(ConfigurationError) -> Logger.Level {
        let text = resolve(flag: value, environment: environment) ?? "info"
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw .invalid(self, value: text, reason: "expected trace, debug, info, notice, warning, error or critical")
        }
        return level
    }
}
