@testable import Coordinator
import Shared

/// One `ASSIGN` as the dispatcher asked the socket loop to send it.
struct Assigned: Equatable {
    var peer: PeerID
    var leaseId: String
    var cellKey: String
    var attempt: UInt32
    var cell: CellCoordinate
}
