#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOPosix

/// Turns configured endpoints into replicas: a `tcp://name:port` whose name has several DNS
/// records (a Kubernetes headless Service, a compose service with `--scale`) becomes one replica
/// per address; IP literals and Unix sockets stay as they are.
package enum ReplicaResolver {
    /// Whether any endpoint names a host that DNS may map to several replicas.
    static func hasNames(_ endpoints: [Endpoint]) -> Bool {
        endpoints.contains { endpoint in
            if case .tcp(let host, _) = endpoint { return !isAddressLiteral(host) }
            return false
        }
    }

    /// The replicas behind `endpoints`, resolving names on a thread that may block. A name that
    /// does not resolve stays as it is (connecting to it will report why).
    package static func resolve(_ endpoints: [Endpoint]) async -> [Endpoint] {
        guard hasNames(endpoints) else { return endpoints }
        let resolved = try? await NIOThreadPool.singleton.runIfActive {
            endpoints.flatMap { endpoint -> [Endpoint] in
                guard case .tcp(let host, let port) = endpoint, !isAddressLiteral(host) else { return [endpoint] }
                let addresses = lookUp(host)
                return addresses.isEmpty ? [endpoint] : addresses.map { .tcp(host: $0, port: port) }
            }
        }
        return resolved ?? endpoints
    }

    static func isAddressLiteral(_ host: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// Every address of `host` (IPv4 and IPv6, TCP), in the resolver's order, without repeats.
    private static func lookUp(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            if let text = numericHost(current.pointee), !addresses.contains(text) { addresses.append(text) }
            entry = current.pointee.ai_next
        }
        return addresses
    }

    private static func numericHost(_ info: addrinfo) -> String? {
        guard let address = info.ai_addr else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, info.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
