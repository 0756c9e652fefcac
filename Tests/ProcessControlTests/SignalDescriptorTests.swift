import Glibc
import ProcessControl
import Testing

/// The signalfd both executables poll: a watched signal sent to the thread is read from the
/// descriptor, in order, instead of running its default action.
@Suite(.serialized)
struct SignalDescriptorTests {
    @Test func aWatchedSignalIsReadFromTheDescriptorNotDelivered() throws {
        // Thread-directed, so no other thread of the test process (which does not block them) can take it.
        let signals = try SignalDescriptor(watching: [SIGUSR1, SIGUSR2])
        #expect(signals.read().isEmpty, "nothing pending yet")
        pthread_kill(pthread_self(), SIGUSR2)
        pthread_kill(pthread_self(), SIGUSR1)
        let received = signals.read()
        #expect(Set(received) == [SIGUSR1, SIGUSR2] && received.count == 2, "\(received)")
        #expect(signals.read().isEmpty, "each signal is read once")
        var pending = sigset_t()
        sigpending(&pending)
        #expect(sigismember(&pending, SIGUSR1) == 0, "read from the descriptor, no longer pending")
    }

    @Test func aFailedCallNamesItselfAndItsErrno() {
        let error = SystemCallError(operation: "signalfd", errno: EMFILE)
        #expect(error.description == "signalfd failed: Too many open files (errno 24)")
    }
}
