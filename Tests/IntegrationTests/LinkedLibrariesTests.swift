import CZeroMQ
import Testing

/// The system libraries the transport relies on, as linked into this build.
struct LinkedLibrariesTests {
    /// docs/protocol.md §7.1: without CURVE the coordinator could not authenticate workers at all.
    @Test func linkedLibzmqSupportsCurveAndSpeaksZMTP3() {
        #expect(zmq_has("curve") != 0)
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        #expect(major == 4 && minor >= 2, "libzmq \(major).\(minor).\(patch): WSP/1 assumes 4.2 or later")
    }
}
