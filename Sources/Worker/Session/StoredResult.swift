import Shared

/// A result kept until the coordinator acknowledges its key (docs/protocol.md §5.4).
struct StoredResult: Equatable, Sendable {
    let delivery: ResultDelivery
    /// When it last went out; nil if it never has (it finished while unregistered).
    var lastSent: Duration?

    init(delivery: ResultDelivery, lastSent: Duration? = nil) {
        self.delivery = delivery
        self.lastSent = lastSent
    }

    /// Sent at least `interval` ago and still unacknowledged (§5.4: SHOULD resend after 60 s).
    func dueForResend(at now: Duration, interval: Duration) -> Bool {
        guard let lastSent else { return false }
        return now - lastSent >= interval
    }
}
