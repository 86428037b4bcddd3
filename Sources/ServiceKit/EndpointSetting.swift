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
    /// An endpoint setting that must be present (the first address when it lists several).
    func requireEndpoint(flag value: String?, environment: [String: String]) throws(ConfigurationError) -> Endpoint {
        try requireEndpoints(flag: value, environment: environment)[0]
    }

    /// A connect setting that must be present: one address or several replicas of one service,
    /// comma-separated (`tcp://10.0.0.5:7002,tcp://10.0.0.6:7002`). A `tcp://name:port` whose
    /// name has several DNS records also means several replicas (the RPC client looks it up).
    package func requireEndpoints(flag value: String?, environment: [String: String]) throws(ConfigurationError) -> [Endpoint] {
        let text = try require(flag: value, environment: environment)
        let parts = text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw .invalid(self, value: text, reason: "lists no address") }
        return try parts.map { (part: String) throws(ConfigurationError) -> Endpoint in try EndpointSetting.parse(part, key: self).endpoint }
    }
}
