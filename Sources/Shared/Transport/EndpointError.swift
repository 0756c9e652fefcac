/// Why a ZeroMQ endpoint string could not be parsed; each case carries the text as given.
public enum EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text has no `transport://` prefix.
    case missingTransport(text: String)
    /// The transport is not `tcp`, `ipc` or `inproc`.
    case unsupportedTransport(text: String, transport: String)
    /// Nothing follows `transport://`.
    case missingAddress(text: String)
    /// A `tcp` address has no `:port`.
    case missingPort(text: String)
    /// The port is neither `*` nor a number 0–65535.
    case invalidPort(text: String, port: String)
    /// The host is empty, has an unclosed `[`, or contains characters no host name or address has.
    case invalidHost(text: String, host: String)

    public var description: String {
        switch self {
        case .missingTransport(let text):
            "invalid endpoint '\(text)': expected tcp://HOST:PORT, ipc://PATH or inproc://NAME"
        case .unsupportedTransport(let text, let transport):
            "invalid endpoint '\(text)': transport '\(transport)' is not tcp, ipc or inproc"
        case .missingAddress(let text):
            "invalid endpoint '\(text)': nothing after '://'"
        case .missingPort(let text):
            "invalid endpoint '\(text)': no port; expected tcp://HOST:PORT"
        case .invalidPort(let text, let port):
            "invalid endpoint '\(text)': port '\(port)' is not * or a number 0-65535"
        case .invalidHost(let text, let host):
            "invalid endpoint '\(text)': host '\(host)' is not a host name or address"
        }
    }
}
