import Foundation

// Implements docs/protocol.md §2.1–§2.4: encoding of every command into the frames a DEALER
// sends (tag, command byte, command frames; never the routing-id frame).

/// Turns WSP/1 messages into multipart frames and back. Pure: no sockets, no ZeroMQ.
public enum WireCodec {
    public static func encode(_ message: WorkerMessage) -> [[UInt8]] {
        let rest: [[UInt8]]
        switch message {
        case let .ready(workerId, capabilities):
            rest = [Array(workerId.utf8), json(capabilities)]
        case let .request(n):
            rest = [WireFields.u32(n)]
        case let .progress(leaseId, cellKey, attempt, report):
            rest = [Array(leaseId.utf8), Array(cellKey.utf8), WireFields.u32(attempt), json(report)]
        case let .result(delivery):
            rest = [Array(delivery.leaseId.utf8), Array(delivery.cellKey.utf8), WireFields.u32(delivery.attempt),
                    delivery.resultJSON] + delivery.artifacts.flatMap { [Array($0.name.utf8), $0.data] }
        case let .failed(leaseId, cellKey, attempt, error):
            rest = [Array(leaseId.utf8), Array(cellKey.utf8), WireFields.u32(attempt), Array(error.utf8)]
        case .heartbeat:
            rest = []
        case let .disconnect(reason, detail):
            rest = [Array(reason.utf8), Array(detail.utf8)]
        }
        return frames(message.command, rest)
    }

    public static func encode(_ message: CoordinatorMessage) -> [[UInt8]] {
        let rest: [[UInt8]]
        switch message {
        case let .welcome(parameters):
            rest = [json(parameters)]
        case let .assign(leaseId, cellKey, attempt, cell):
            // Concatenated rather than `JSONEncoder`ed: the same bytes at a fraction of the cost.
            let body = AssignmentEncoder(specYAML: cell.specYAML, leaseMilliseconds: cell.leaseMilliseconds)
                .body(cell: cell.cell, keyMaterial: cell.keyMaterial)
            rest = [Array(leaseId.utf8), Array(cellKey.utf8), WireFields.u32(attempt), body]
        case let .ack(cellKey, attempt, status, detail):
            rest = [Array(cellKey.utf8), WireFields.u32(attempt), Array(status.rawValue.utf8), Array(detail.utf8)]
        case .heartbeat:
            rest = []
        case let .disconnect(reason, detail):
            rest = [Array(reason.utf8), Array(detail.utf8)]
        case let .statusReply(requestId, status):
            rest = [requestId, json(status)]
        }
        return frames(message.command, rest)
    }

    public static func encode(_ message: ClientMessage) -> [[UInt8]] {
        switch message {
        case let .status(requestId):
            frames(.status, [requestId])
        case let .cancel(requestId, mode):
            frames(.cancel, [requestId, Array(mode.rawValue.utf8)])
        }
    }

    private static func frames(_ command: WireConstants.Command, _ rest: [[UInt8]]) -> [[UInt8]] {
        [WireConstants.tag, [command.rawValue]] + rest
    }

    /// These bodies hold only integers and strings, which `JSONEncoder` always encodes; the
    /// fallback (an empty object, which the receiver rejects as missing members) is unreachable.
    private static func json<T: WireBody>(_ body: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)).map(Array.init) ?? Array("{}".utf8)
    }
}
