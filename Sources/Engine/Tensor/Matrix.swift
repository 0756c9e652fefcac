/// A row-major float32 matrix whose storage is allocated once, at its largest size.
///
/// Training must not allocate inside the loop, yet the last batch of an epoch and evaluation
/// batches are shorter than a full one. So a matrix owns room for `rowCapacity` rows and
/// `rows` says how many are in use; layers resize their outputs by setting `rows`, which never
/// allocates. Rows are examples (batch-major); a convolutional activation stores each example
/// as height × width × channels (NHWC), channels fastest.
public final class Matrix {
    /// Rows currently in use (≤ `rowCapacity`).
    public var rows: Int {
        didSet { precondition(rows >= 0 && rows <= rowCapacity, "rows \(rows) exceed capacity \(rowCapacity)") }
    }
    /// Floats per row.
    public let cols: Int
    /// Rows the storage has room for.
    public let rowCapacity: Int
    /// Start of the storage (rowCapacity × cols floats), owned by this matrix.
    public let base: UnsafeMutablePointer<Float>

    /// A zero-filled matrix of `rows` × `cols` with room for `rowCapacity` rows.
    public init(rows: Int, cols: Int, rowCapacity: Int? = nil) {
        let capacity = rowCapacity ?? rows
        precondition(rows >= 0 && cols >= 0 && capacity >= rows, "bad matrix shape \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.rowCapacity = capacity
        base = .allocate(capacity: max(1, capacity * cols))
        base.initialize(repeating: 0, count: max(1, capacity * cols))
    }

    /// A matrix holding a copy of `values` (row-major, `values.count == rows × cols`).
    public convenience init(rows: Int, cols: Int, values: [Float]) {
        precondition(values.count == rows * cols, "\(values.count) values for \(rows)×\(cols)")
        self.init(rows: rows, cols: cols)
        values.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: values.count) }
    }

    deinit { base.deallocate() }

    /// Floats in use (rows × cols).
    @inlinable public var count: Int { rows * cols }

    /// The in-use floats as a buffer (valid while the matrix lives).
    @inlinable public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: base, count: count)
    }

    /// Element (r, c); for tests and small loops, not for hot paths.
    public subscript(r: Int, c: Int) -> Float {
        get { base[r * cols + c] }
        set { base[r * cols + c] = newValue }
    }

    /// The in-use values as an array (copies).
    public var values: [Float] { Array(buffer) }

    /// Sets every in-use value to zero.
    public func zero() { base.update(repeating: 0, count: count) }

    /// Copies the in-use values of `other` (same columns) into this matrix and adopts its rows.
    public func copy(from other: Matrix) {
        precondition(other.cols == cols, "column mismatch \(other.cols) vs \(cols)")
        rows = other.rows
        base.update(from: other.base, count: count)
    }
}
