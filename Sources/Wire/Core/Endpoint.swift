/// Where a server listens or a client connects: a Unix domain socket or a TCP address.
package enum Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// A Unix domain socket at an absolute path.
    case unix(path: String)
    /// A TCP host (name, IPv4 or IPv6 literal) and port; port 0 asks a server for any free port.
    case tcp(host: String, port: Int)

    /// Parses `unix:///absolute/path`, `tcp://host:port` or `tcp://[ipv6]:port`.
    ///
    /// - Throws: ``EndpointParsingError`` naming the input and what is wrong with it.
    package init(parsing text: String) throws(EndpointParsingError) {
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst("unix://".count))
            guard path.hasPrefix("/") else {
                throw EndpointParsingError(input: text, reason: "a unix endpoint needs an absolute path, as in unix:///run/crimescope/heatmap.sock")
            }
            guard path.utf8.count <= 107 else {
                throw EndpointParsingError(input: text, reason: "a unix socket path may have at most 107 bytes")
            }
            self = .unix(path: path)
        } else if text.hasPrefix("tcp://") {
            self = try Self.parseTCP(String(text.dropFirst("tcp://".count)), input: text)
        } else {
            throw EndpointParsingError(input: text, reason: "expected unix:///absolute/path or tcp://host:port")
        }
    }

    private static func parseTCP(_ rest: String, input: String) throws(EndpointParsingError) -> Endpoint {
        let host: Substring
        let portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw EndpointParsingError(input: input, reason: "an IPv6 host needs a closing ]")
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let afterBracket = rest[rest.index(after: close)...]
            guard afterBracket.hasPrefix(":") else {
                throw EndpointParsingError(input: input, reason: "expected :port after the IPv6 host")
            }
            portText = afterBracket.dropFirst()
        } else {
            guard let colon = rest.lastIndex(of: ":") else {
                throw EndpointParsingError(input: input, reason: "missing :port")
            }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains("/") else {
            throw EndpointParsingError(input: input, reason: "missing or malformed host")
        }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw EndpointParsingError(input: input, reason: "the port must be a number from 0 to 65535")
        }
        return .tcp(host: String(host), port: port)
    }

    /// The endpoint in the form ``init(parsing:)`` reads.
    package var description: String {
        switch self {
        case .unix(let path): "unix://\(path)"
        case .tcp(let host, let port) where host.contains(":"): "tcp://[\(host)]:\(port)"
        case .tcp(let host, let port): "tcp://\(host):\(port)"
        }
    }
}

/// An endpoint string that is not `unix:///path` or `tcp://host:port`.
package struct EndpointParsingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that was given.
    package var input: String
    /// What is wrong with it.
    package var reason: String

    package var description: String { "invalid endpoint '\(input)': \(reason)" }
}
