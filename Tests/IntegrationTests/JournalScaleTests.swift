@testable import Coordinator
import Testing

/// A sweep of 100,000 cells must resume without a noticeable pause (timings are in benchmarks,
/// not here; this checks the large journal is right).
struct JournalScaleTests {
    typealias F = JournalFixtures

    @Test func oneHundredThousandCellsAreStoredAndLoadedBackInDispatchOrder() throws {
        try F.withDirectory { directory in
            let count = 100_000
            let rows = F.cells(0..<count)
            do {
                let journal = try F.journal(in: directory, cells: rows)
                try journal.apply([.leased(key: rows[500].key, attempt: 1, leaseId: F.leaseId(0), worker: "w1")], at: 1)
                journal.close()
            }
            let journal = try Journal.open(directory: directory)
            defer { journal.close() }
            let cells = try journal.cells()
            #expect(cells.count == count)
            #expect(cells.map(\.ordinal) == Array(0..<count))
            #expect(zip(cells, rows).allSatisfy { $0.key == $1.key && $0.cell == $1.cell })
            #expect(cells.filter { $0.state == .leased }.map(\.key) == [rows[500].key])
            #expect(try journal.keyMaterial(forKey: rows[count - 1].key) == rows[count - 1].keyMaterial)
        }
    }
}
