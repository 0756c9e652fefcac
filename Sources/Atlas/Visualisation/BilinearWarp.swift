import Engine

/// Bilinear resampling of a batch of images under one `WarpTransform` per row, and its exact
/// adjoint, for the robustness transforms of the ascent.
///
/// Each output pixel is a weighted sum of (at most) four input pixels; the weights and source
/// indices are tabulated once per row and step, then used by the forward pass and, transposed, by
/// the backward pass, so the gradient is that of the very warp that produced the image. Samples
/// outside the image read zero (black): the datasets here have black backgrounds, so a margin
/// shifted in looks like data, and the adjoint stays a plain transpose.
final class BilinearWarp {
    let shape: ImageShape
    let capacity: Int
    /// Per row, per output pixel: four source pixel indices (0 where the corner is outside).
    private let sources: UnsafeMutablePointer<Int32>
    /// Per row, per output pixel: four weights (0 where the corner is outside).
    private let weights: UnsafeMutablePointer<Float>

    init(shape: ImageShape, capacity: Int) {
        self.shape = shape
        self.capacity = capacity
        let entries = max(1, capacity * shape.height * shape.width * 4)
        sources = .allocate(capacity: entries)
        sources.initialize(repeating: 0, count: entries)
        weights = .allocate(capacity: entries)
        weights.initialize(repeating: 0, count: entries)
    }

    deinit {
        sources.deallocate()
        weights.deallocate()
    }

    /// Tabulates `transform` for `row`.
    func prepare(row: Int, _ transform: WarpTransform) {
        precondition(row >= 0 && row < capacity, "warp row \(row) outside capacity \(capacity)")
        let (h, w) = (shape.height, shape.width)
        let centreX = Double(w - 1) / 2, centreY = Double(h - 1) / 2
        let base = row * h * w * 4
        let src = sources + base, wt = weights + base
        let map = transform.inverseMap(centreX: centreX, centreY: centreY)
        for y in 0..<h {
            for x in 0..<w {
                let sx = map.xx * Double(x) + map.xy * Double(y) + map.x0
                let sy = map.yx * Double(x) + map.yy * Double(y) + map.y0
                let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                let fx = Float(sx - Double(x0)), fy = Float(sy - Double(y0))
                let o = (y * w + x) * 4
                // Corners (x0, y0), (x0+1, y0), (x0, y0+1), (x0+1, y0+1); off-image ones read zero.
                let left = x0 >= 0 && x0 < w, right = x0 + 1 >= 0 && x0 + 1 < w
                let top = y0 >= 0 && y0 < h, bottom = y0 + 1 >= 0 && y0 + 1 < h
                let inside = (left && top, right && top, left && bottom, right && bottom)
                let index = Int32(y0 * w + x0)
                src[o] = inside.0 ? index : 0
                src[o + 1] = inside.1 ? index + 1 : 0
                src[o + 2] = inside.2 ? index + Int32(w) : 0
                src[o + 3] = inside.3 ? index + Int32(w) + 1 : 0
                wt[o] = inside.0 ? (1 - fx) * (1 - fy) : 0
                wt[o + 1] = inside.1 ? fx * (1 - fy) : 0
                wt[o + 2] = inside.2 ? (1 - fx) * fy : 0
                wt[o + 3] = inside.3 ? fx * fy : 0
            }
        }
    }

    /// output = W·input for one image of `row` (h·w·c floats each, NHWC).
    func apply(row: Int, _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        let pixels = shape.height * shape.width, c = shape.channels
        let src = sources + row * pixels * 4, wt = weights + row * pixels * 4
        for p in 0..<pixels {
            let s = src + p * 4, wp = wt + p * 4
            let a = input + Int(s[0]) * c, b = input + Int(s[1]) * c
            let d = input + Int(s[2]) * c, e = input + Int(s[3]) * c
            let out = output + p * c
            for ch in 0..<c { out[ch] = wp[0] * a[ch] + wp[1] * b[ch] + wp[2] * d[ch] + wp[3] * e[ch] }
        }
    }

    /// input gradient = Wᵀ·output gradient for one image of `row` (overwrites `inputGradient`).
    func applyAdjoint(row: Int, _ outputGradient: UnsafePointer<Float>, into inputGradient: UnsafeMutablePointer<Float>) {
        let pixels = shape.height * shape.width, c = shape.channels
        let src = sources + row * pixels * 4, wt = weights + row * pixels * 4
        inputGradient.update(repeating: 0, count: pixels * c)
        for p in 0..<pixels {
            let s = src + p * 4, wp = wt + p * 4
            let g = outputGradient + p * c
            for i in 0..<4 {
                let dst = inputGradient + Int(s[i]) * c, weight = wp[i]
                for ch in 0..<c { dst[ch] += weight * g[ch] }
            }
        }
    }
}
