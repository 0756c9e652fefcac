import Testing
import Shared

/// docs/protocol.md §7.4: without keys the coordinator binds only loopback endpoints.
struct EndpointTests {
    /// §7.4: 127.0.0.0/8, ::1 and localhost are loopback, ipc and inproc are local; the wildcard, 0.0.0.0,
    /// :: and every other address or interface name are not.
    @Test(arguments: [
        ("tcp://127.0.0.1:5555", true), ("tcp://127.12.0.9:*", true), ("tcp://localhost:5555", true),
        ("tcp://LOCALHOST:1", true), ("tcp://[::1]:5555", true), ("tcp://[::ffff:127.0.0.1]:5555", true),
        ("ipc:///tmp/widthsweep.sock", true), ("inproc://workers", true),
        ("tcp://*:5555", false), ("tcp://0.0.0.0:5555", false), ("tcp://[::]:5555", false),
        ("tcp://128.0.0.1:5555", false), ("tcp://10.0.0.7:5555", false), ("tcp://node7:5555", false),
        ("tcp://lo:5555", false), ("tcp://127.0.0.1.example.org:5555", false), ("tcp://[::2]:5555", false),
    ])
    func loopbackIsOnlyWhatCannotBeReachedFromOutside(text: String, loopback: Bool) throws {
        #expect(try Endpoint(parsing: text).isLoopback == loopback, "\(text)")
    }

    @Test func partsAreSplitAndPrintedBackAsLibzmqTakesThem() throws {
        let ipv6 = try Endpoint(parsing: "tcp://[::1]:*")
        #expect(ipv6.transport == "tcp" && ipv6.host == "::1" && ipv6.port == "*")
        #expect(ipv6.description == "tcp://[::1]:*")
        let wildcard = try Endpoint(parsing: "tcp://*:5555")
        #expect(wildcard.host == "*" && wildcard.port == "5555" && wildcard.description == "tcp://*:5555")
        let ipc = try Endpoint(parsing: "ipc:///run/ws.sock")
        #expect(ipc.host == "/run/ws.sock" && ipc.port == "" && ipc.description == "ipc:///run/ws.sock")
    }

    /// Malformed endpoints are refused with an error naming the text and what is wrong with it.
    @Test(arguments: [
        ("127.0.0.1:5555", EndpointError.missingTransport(text: "127.0.0.1:5555")),
        ("udp://127.0.0.1:5555", .unsupportedTransport(text: "udp://127.0.0.1:5555", transport: "udp")),
        ("tcp://", .missingAddress(text: "tcp://")),
        ("tcp://127.0.0.1", .missingPort(text: "tcp://127.0.0.1")),
        ("tcp://[::1]5555", .missingPort(text: "tcp://[::1]5555")),
        ("tcp://127.0.0.1:", .invalidPort(text: "tcp://127.0.0.1:", port: "")),
        ("tcp://127.0.0.1:65536", .invalidPort(text: "tcp://127.0.0.1:65536", port: "65536")),
        ("tcp://127.0.0.1:55x", .invalidPort(text: "tcp://127.0.0.1:55x", port: "55x")),
        ("tcp://:5555", .invalidHost(text: "tcp://:5555", host: "")),
        ("tcp://[::1:5555", .invalidHost(text: "tcp://[::1:5555", host: "[::1:5555")),
        ("tcp://::1:5555", .invalidHost(text: "tcp://::1:5555", host: "::1")),
        ("tcp://a b:5555", .invalidHost(text: "tcp://a b:5555", host: "a b")),
    ])
    func malformedEndpointsAreRefusedNamingTheProblem(text: String, expected: EndpointError) {
        #expect(throws: expected) { try Endpoint(parsing: text) }
        #expect(expected.description.contains("'\(text)'"))
    }
}
