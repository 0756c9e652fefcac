import Shared
import Testing

/// `SocketMonitor`, how the worker learns of failures that never surface in send or receive
/// (docs/protocol.md §7.5).
struct TransportMonitorTests {
    typealias H = TransportTestHelpers

    /// A connection's events arrive in order with their names and the endpoint they concern.
    @Test func monitorReportsConnectionAndHandshakeEventsByName() throws {
        let context = try ZMQContext()
        let (router, endpoint) = try H.boundRouter(context)
        defer { router.close() }  // keeps the ROUTER listening until the test ends
        let dealer = try ZMQSocket(context: context, kind: .dealer)
        let monitor = try SocketMonitor(context: context, socket: dealer, name: "worker")
        try dealer.connect(endpoint)

        let succeeded = try #require(try H.waitForEvent(monitor) { $0.name == "handshake-succeeded" })
        #expect(succeeded.endpoint == endpoint && !succeeded.isHandshakeFailure)
        #expect(monitor.name == "worker")
    }

    /// libzmq sends monitor events with a blocking send from the socket's I/O thread, so a closed
    /// monitor must have stopped monitoring first: the socket keeps connecting and delivering.
    @Test func closedMonitorLeavesItsSocketWorking() throws {
        let context = try ZMQContext()
        let (router, endpoint) = try H.boundRouter(context)
        let dealer = try ZMQSocket(context: context, kind: .dealer)
        let monitor = try SocketMonitor(context: context, socket: dealer, name: "worker")
        monitor.close()
        monitor.close()
        #expect(monitor.drain().isEmpty)
        try dealer.connect(endpoint)
        try dealer.send([H.bytes("after the monitor")])
        #expect(try H.receive(router)?.frames.last == H.bytes("after the monitor"))
    }

    /// A socket closed under its monitor ends the monitoring with a monitor-stopped event, and the
    /// monitor can still be drained and closed afterwards.
    @Test func closingTheMonitoredSocketEndsTheMonitor() throws {
        let context = try ZMQContext()
        let dealer = try ZMQSocket(context: context, kind: .dealer)
        let monitor = try SocketMonitor(context: context, socket: dealer, name: "worker")
        dealer.close()
        #expect(try H.waitForEvent(monitor) { $0.name == "monitor-stopped" } != nil)
        monitor.close()
    }
}
