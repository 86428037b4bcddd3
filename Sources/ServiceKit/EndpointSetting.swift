import Wire

/// A listen or connect address from configuration, parsed with the setting's name in errors.
package struct EndpointSetting {
    package var endpoint: Endpoint

    package static func parse(_ value: String, key: SettingKey) throws(ConfigurationError) -> EndpointSetting {
        do {
            return EndpointSetting(endpoint: try Endpoint(parsing: value))
        } catch {
            throw .invalid(key, value: value, reason: "expected unix:///absolute/path.sock or tcp://host:port (\(error))")
        }
    }
}

extension SettingKey {
    /// An endpoint setting that must be present.
    public func requireEndpoint(flag value: String?, environment: [String: String]) throws(ConfigurationError) -> Endpoint {
        try EndpointSetting.parse(try require(flag: value, environment: environment), key: self).endpoint
    }
}
