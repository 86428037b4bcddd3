import Foundation
import Logging

/// One configuration key, spelled as a flag (`--database-url`) and as an environment
/// variable (`CRIMESCOPE_DATABASE_URL`). Values come from the flag, then the environment,
/// then the default.
package struct SettingKey: Sendable, Hashable {
    /// The key in kebab case, e.g. `database-url`.
    package var name: String

    package init(_ name: String) {
        self.name = name
    }

    package var flag: String { "--\(name)" }

    var environmentName: String {
        "CRIMESCOPE_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The flag's value if given, otherwise the environment's (empty counts as unset).
    package func resolve(flag value: String?, environment: [String: String]) -> String? {
        if let value, !value.isEmpty { return value }
        if let fromEnvironment = environment[environmentName], !fromEnvironment.isEmpty { return fromEnvironment }
        return nil
    }

    /// Like ``resolve(flag:environment:)``, but a missing value stops start-up.
    package func require(flag value: String?, environment: [String: String]) throws(ConfigurationError) -> String {
        guard let resolved = resolve(flag: value, environment: environment) else { throw .missing(self) }
        return resolved
    }

    /// An integer setting with a default.
    package func integer(flag value: Int?, environment: [String: String], default defaultValue: Int) throws(ConfigurationError) -> Int {
        if let value { return value }
        guard let text = environment[environmentName], !text.isEmpty else { return defaultValue }
        guard let parsed = Int(text) else { throw .invalid(self, value: text, reason: "not an integer") }
        return parsed
    }
}

extension String {
    /// The text without leading and trailing whitespace (for comma-separated settings).
    package func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}

/// The process environment, read where configuration is resolved.
package enum ProcessEnvironment {
    package static var current: [String: String] { ProcessInfo.processInfo.environment }
}

extension SettingKey {
    /// A log level setting (trace … critical, any case), `info` by default.
    package func logLevel(flag value: String?, environment: [String: String]) throws(ConfigurationError) -> Logger.Level {
        let text = resolve(flag: value, environment: environment) ?? "info"
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw .invalid(self, value: text, reason: "expected trace, debug, info, notice, warning, error or critical")
        }
        return level
    }
}
