import Glibc

/// A ZeroMQ endpoint as the coordinator binds or a worker connects to it, parsed far enough to tell
/// whether it is loopback (docs/protocol.md §7.4: without keys the coordinator binds only loopback).
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// `tcp`, `ipc` or `inproc`.
    public var transport: String
    /// tcp only: the host without IPv6 brackets (`::1`, `127.0.0.1`, `localhost`), `*` for wildcard.
    /// For ipc and inproc, the path or name.
    public var host: String
    /// tcp only: the port, `*` for an ephemeral one (bind); empty for ipc and inproc.
    public var port: String

    public init(parsing text: String) throws {
        guard let separator = text.range(of: "://") else { throw EndpointError.missingTransport(text: text) }
        let transport = String(text[..<separator.lowerBound])
        let address = String(text[separator.upperBound...])
        guard ["tcp", "ipc", "inproc"].contains(transport) else {
            throw EndpointError.unsupportedTransport(text: text, transport: transport)
        }
        guard !address.isEmpty else { throw EndpointError.missingAddress(text: text) }
        self.transport = transport
        guard transport == "tcp" else {
            host = address
            port = ""
            return
        }
        (host, port) = try Self.splitHostAndPort(address, text: text)
    }

    /// `HOST:PORT` or `[IPV6]:PORT` into its parts, each checked.
    private static func splitHostAndPort(_ address: String, text: String) throws -> (String, String) {
        let host: String, port: Substring
        if address.hasPrefix("[") {
            guard let close = address.firstIndex(of: "]") else {
                throw EndpointError.invalidHost(text: text, host: address)
            }
            host = String(address[address.index(after: address.startIndex)..<close])
            let rest = address[address.index(after: close)...]
            guard rest.hasPrefix(":") else { throw EndpointError.missingPort(text: text) }
            port = rest.dropFirst()
        } else {
            guard let colon = address.lastIndex(of: ":") else { throw EndpointError.missingPort(text: text) }
            host = String(address[..<colon])
            port = address[address.index(after: colon)...]
        }
        // A bare IPv6 address is ambiguous with its port; libzmq wants brackets for those too.
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:%")
        let hostIsValid = host == "*" || (!host.isEmpty && host.allSatisfy { allowed.contains($0) }
            && (address.hasPrefix("[") || !host.contains(":")))
        guard hostIsValid else { throw EndpointError.invalidHost(text: text, host: host) }
        guard port == "*" || (!port.isEmpty && port.count <= 5 && port.allSatisfy { $0.isASCII && $0.isNumber }
            && (Int(port) ?? Int.max) <= 65535) else {
            throw EndpointError.invalidPort(text: text, port: String(port))
        }
        return (host, String(port))
    }

    /// True for 127.0.0.0/8, `::1` (also IPv4-mapped `::ffff:127.x.y.z`) and `localhost`; ipc and inproc
    /// count as local. The wildcard `*`, `0.0.0.0`, `::`, every other address and every interface name
    /// (even `lo`) do not: anything not certainly loopback is treated as reachable from outside.
    public var isLoopback: Bool {
        guard transport == "tcp" else { return true }
        if host.lowercased() == "localhost" { return true }
        var ipv4 = in_addr()
        if inet_pton(AF_INET, host, &ipv4) == 1 {
            return UInt32(bigEndian: ipv4.s_addr) >> 24 == 127
        }
        var ipv6 = in6_addr()
        guard inet_pton(AF_INET6, host, &ipv6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: ipv6) { Array($0) }
        if bytes == [UInt8](repeating: 0, count: 15) + [1] { return true }
        let mappedPrefix = [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF]
        return Array(bytes.prefix(12)) == mappedPrefix && bytes[12] == 127
    }

    /// The endpoint as libzmq takes it, with brackets around an IPv6 host.
    public var description: String {
        guard transport == "tcp" else { return "\(transport)://\(host)" }
        return host.contains(":") ? "tcp://[\(host)]:\(port)" : "tcp://\(host):\(port)"
    }
}
