/// Integer pixel values to floats in [0, 1].
///
/// A 256-entry table gives exactly `Float(v) / maxValue` (correctly rounded, unlike multiplying by
/// a rounded reciprocal) at the cost of one load per pixel, so every reader scales identically.
struct PixelScaling {
    private let table: [Float]

    /// Scaling for pixels whose largest legal value is `maxValue` (255 for bytes, 16 for digits).
    init(maxValue: Int) {
        table = (0..<256).map { Float($0) / Float(maxValue) }
    }

    /// Writes `source.count` scaled pixels to `destination`, in the same order.
    func scale(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutablePointer<Float>) {
        table.withUnsafeBufferPointer { lookup in
            guard let table = lookup.baseAddress else { return }
            for i in 0..<source.count { destination[i] = table[Int(source[i])] }
        }
    }

    /// The scaled value of one pixel; `value` must lie in 0...255.
    subscript(value: Int) -> Float { table[value] }
}
