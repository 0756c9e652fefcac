import Foundation
import Testing
@testable import Coordinator
import Shared
import TestSupport

/// `coordinator.json` and how `coordinator status/cancel DIR` use it: on the coordinator's own
/// machine, and from another machine that sees the same sweep directory (a cluster's shared file
/// system, where the login node asks about a coordinator on a compute node).
@Suite struct CoordinatorContactTests {
    /// A pid no process has: `kill(pid, 0)` fails with ESRCH.
    static let deadPid = Int32.max

    func sweepDirectory(with contact: CoordinatorContact) throws -> String {
        let file = try BuiltExecutable.temporaryFile("", name: "coordinator.json")
        try contact.write(to: file)
        return (file as NSString).deletingLastPathComponent
    }

    @Test func aWildcardBindIsReachedOnLoopbackHereAndByHostNameElsewhere() {
        let contact = CoordinatorContact.serving(bound: "tcp://0.0.0.0:41233", serverKey: nil, pid: 7, host: "node7")
        #expect(contact.endpoint == "tcp://127.0.0.1:41233")
        #expect(contact.remoteEndpoint == "tcp://node7:41233")
        #expect(CoordinatorContact.serving(bound: "tcp://[::]:5555", serverKey: nil, pid: 7, host: "n").remoteEndpoint == "tcp://n:5555")
    }

    @Test func aLoopbackBindHasNoRemoteEndpointAndAnAddressIsUsedAsItIs() {
        let loopback = CoordinatorContact.serving(bound: "tcp://127.0.0.1:5555", serverKey: nil, pid: 7, host: "node7")
        #expect(loopback.endpoint == "tcp://127.0.0.1:5555")
        #expect(loopback.remoteEndpoint == nil)
        let address = CoordinatorContact.serving(bound: "tcp://10.1.2.3:5555", serverKey: nil, pid: 7, host: "node7")
        #expect(address.endpoint == "tcp://10.1.2.3:5555")
        #expect(address.remoteEndpoint == "tcp://10.1.2.3:5555")
    }

    @Test func theFileKeepsHostAndRemoteEndpointAndReadsFilesWrittenWithoutThem() throws {
        let contact = CoordinatorContact.serving(bound: "tcp://0.0.0.0:41233", serverKey: "k", pid: 7, host: "node7")
        let directory = try sweepDirectory(with: contact)
        let text = try String(contentsOfFile: directory + "/coordinator.json", encoding: .utf8)
        #expect(text.contains("\"host\" : \"node7\"") && text.contains("\"remote_endpoint\" : \"tcp://node7:41233\""))
        #expect(try CoordinatorContact.read(from: directory + "/coordinator.json") == contact)

        let old = try BuiltExecutable.temporaryFile(#"{"endpoint": "tcp://127.0.0.1:1", "pid": 7}"#, name: "coordinator.json")
        let read = try #require(try CoordinatorContact.read(from: old))
        #expect(read.host == nil && read.remoteEndpoint == nil && read.endpoint == "tcp://127.0.0.1:1")
    }

    @Test func onItsOwnMachineADeadCoordinatorIsNamedAtOnce() throws {
        let contact = CoordinatorContact.serving(bound: "tcp://0.0.0.0:41233", serverKey: nil, pid: Self.deadPid, host: "node7")
        let directory = try sweepDirectory(with: contact)
        #expect {
            try ControlClient.forDirectory(directory, thisHost: "node7")
        } throws: { error in
            "\(error)".contains("names pid \(Self.deadPid), which has exited")
        }
        let live = try sweepDirectory(with: .serving(bound: "tcp://0.0.0.0:41233", serverKey: nil, pid: getpid(), host: "node7"))
        #expect(try ControlClient.forDirectory(live, thisHost: "node7").endpoint == "tcp://127.0.0.1:41233")
    }

    /// The login node must not call a coordinator on a compute node dead because its pid is not
    /// a process here, nor send the request to its own loopback.
    @Test func fromAnotherMachineTheClientGoesToTheCoordinatorsHost() throws {
        let contact = CoordinatorContact.serving(bound: "tcp://0.0.0.0:41233", serverKey: nil, pid: Self.deadPid, host: "node7")
        let client = try ControlClient.forDirectory(try sweepDirectory(with: contact), thisHost: "login1")
        #expect(client.endpoint == "tcp://node7:41233")
    }

    @Test func fromAnotherMachineALoopbackOnlyCoordinatorIsNamedWithItsHost() throws {
        let contact = CoordinatorContact.serving(bound: "tcp://127.0.0.1:5555", serverKey: nil, pid: Self.deadPid, host: "node7")
        let directory = try sweepDirectory(with: contact)
        #expect {
            try ControlClient.forDirectory(directory, thisHost: "login1")
        } throws: { error in
            "\(error)" == "the coordinator for \(directory) runs on node7 and listens on loopback only; run this command on node7"
        }
    }

    /// A file from before the host was written is treated as this machine's, as it was then.
    @Test func aFileWithoutAHostIsTakenAsThisMachines() throws {
        let old = try BuiltExecutable.temporaryFile(#"{"endpoint": "tcp://127.0.0.1:1", "pid": \#(Self.deadPid)}"#, name: "coordinator.json")
        #expect {
            try ControlClient.forDirectory((old as NSString).deletingLastPathComponent, thisHost: "login1")
        } throws: { error in
            "\(error)".contains("which has exited")
        }
    }
}
