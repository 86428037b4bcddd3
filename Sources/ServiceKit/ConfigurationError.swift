/// A setting that is missing or malformed at start-up. The message names the flag and the
/// environment variable so the operator knows what to set.
package struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    package var description: String

    package init(_ description: String) {
        self.description = description
    }

    /// A required setting that neither the flag nor the environment gave.
    package static func missing(_ setting: SettingKey) -> ConfigurationError {
        ConfigurationError("missing required setting: \(setting.flag) (or environment variable \(setting.environmentName))")
    }

    /// A setting whose value cannot be used.
    package static func invalid(_ setting: SettingKey, value: String, reason: String) -> ConfigurationError {
        ConfigurationError("invalid \(setting.flag) / \(setting.environmentName) value '\(value)': \(reason)")
    }
}
