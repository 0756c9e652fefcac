/// Cells waiting for a worker, served in dispatch order (lowest ordinal first).
///
/// The ordinal is the spec's dispatch order (docs/spec.md §7: seed-major, tasks in spec order,
/// widest first), so a cell that comes back after a failed attempt or a released lease goes to
/// the front of what is left rather than to the back: early seeds finish early. A binary heap
/// keeps push and pop at O(log n) for sweeps of 100,000 cells.
struct CellQueue: Sendable {
    private struct Item: Sendable {
        var ordinal: Int
        var key: String
    }

    private var heap: [Item] = []
    private var members: Set<String> = []

    var count: Int { heap.count }
    var isEmpty: Bool { heap.isEmpty }
    func contains(_ key: String) -> Bool { members.contains(key) }

    mutating func push(_ key: String, ordinal: Int) {
        guard members.insert(key).inserted else { return }
        heap.append(Item(ordinal: ordinal, key: key))
        siftUp(heap.count - 1)
    }

    /// The first cell in dispatch order.
    mutating func popFirst() -> String? {
        guard let item = popItem() else { return nil }
        members.remove(item.key)
        return item.key
    }

    /// Pops the first cell `accept` takes among the first `window` in order; the others go back.
    /// With nothing accepted, the first cell is taken anyway (a preference, never a stall).
    mutating func pop(preferring accept: (String) -> Bool, window: Int = 8) -> String? {
        var skipped: [Item] = []
        var chosen: Item?
        while chosen == nil, skipped.count < window, let item = popItem() {
            if accept(item.key) { chosen = item } else { skipped.append(item) }
        }
        if chosen == nil, !skipped.isEmpty { chosen = skipped.removeFirst() }
        for item in skipped { pushItem(item) }
        if let chosen { members.remove(chosen.key) }
        return chosen?.key
    }

    mutating func remove(_ key: String) {
        guard members.remove(key) != nil, let index = heap.firstIndex(where: { $0.key == key }) else { return }
        heap.swapAt(index, heap.count - 1)
        heap.removeLast()
        if index < heap.count {
            siftDown(index)
            siftUp(index)
        }
    }

    private mutating func popItem() -> Item? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let item = heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
        return item
    }

    private mutating func pushItem(_ item: Item) {
        heap.append(item)
        siftUp(heap.count - 1)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].ordinal < heap[parent].ordinal else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].ordinal < heap[smallest].ordinal { smallest = left }
            if right < heap.count, heap[right].ordinal < heap[smallest].ordinal { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
