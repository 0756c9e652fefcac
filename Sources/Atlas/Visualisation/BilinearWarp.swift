import Engine

/// Bilinear resampling of a batch of images under one `WarpTransform` per row, and its exact
/// adjoint, for the robustness transforms of the ascent.
///
/// Each output pixel interpolates the 2×2 input pixels around its source point; the corner and
/// the two fractions are tabulated once per row and step, then used by the forward pass and,
/// transposed, by the backward pass, so the gradient is that of the very warp that produced the
/// image. Samples outside the image read zero (black): the datasets here have black
/// backgrounds, so a margin shifted in looks like data.
///
/// The image is read through a copy with a two-pixel zero border and source points are clamped
/// to it, so no corner is ever tested for being inside: a clamped point reads only border zeros,
/// exactly what zero padding gives. This runs for every pixel of every image at every step;
/// tabulating four corners with bounds checks instead took about as long as the network's GEMMs.
final class BilinearWarp {
    let shape: ImageShape
    let capacity: Int
    /// Border width of the padded copy: two pixels keep both corners of any clamped point in it.
    private static let border = 2
    private let paddedWidth: Int
    private let paddedHeight: Int
    /// Per row, per output pixel: the padded-image pixel index of the top-left corner.
    private let corners: UnsafeMutablePointer<Int32>
    /// Per row, per output pixel: the horizontal and vertical interpolation fractions.
    private let fractionsX: UnsafeMutablePointer<Float>
    private let fractionsY: UnsafeMutablePointer<Float>
    /// The padded copy of one image; its border stays zero.
    private let padded: UnsafeMutablePointer<Float>
    /// The padded gradient of one image, border included, before the border is dropped.
    private let paddedGradient: UnsafeMutablePointer<Float>

    init(shape: ImageShape, capacity: Int) {
        self.shape = shape
        self.capacity = capacity
        paddedWidth = shape.width + 2 * Self.border
        paddedHeight = shape.height + 2 * Self.border
        let entries = max(1, capacity * shape.height * shape.width)
        corners = .allocate(capacity: entries)
        corners.initialize(repeating: 0, count: entries)
        fractionsX = .allocate(capacity: entries)
        fractionsX.initialize(repeating: 0, count: entries)
        fractionsY = .allocate(capacity: entries)
        fractionsY.initialize(repeating: 0, count: entries)
        let paddedCount = paddedWidth * paddedHeight * shape.channels
        padded = .allocate(capacity: paddedCount)
        padded.initialize(repeating: 0, count: paddedCount)
        paddedGradient = .allocate(capacity: paddedCount)
        paddedGradient.initialize(repeating: 0, count: paddedCount)
    }

    deinit {
        corners.deallocate()
        fractionsX.deallocate()
        fractionsY.deallocate()
        padded.deallocate()
        paddedGradient.deallocate()
    }

    /// Tabulates `transform` for `row`.
    func prepare(row: Int, _ transform: WarpTransform) {
        precondition(row >= 0 && row < capacity, "warp row \(row) outside capacity \(capacity)")
        let (h, w) = (shape.height, shape.width)
        let map = transform.inverseMap(centreX: Double(w - 1) / 2, centreY: Double(h - 1) / 2)
        // In padded coordinates (source + border), clamped so the bottom-right corner exists.
        let b = Float(Self.border)
        let (xx, xy, x0) = (Float(map.xx), Float(map.xy), Float(map.x0) + b)
        let (yx, yy, y0) = (Float(map.yx), Float(map.yy), Float(map.y0) + b)
        let highX = Float(paddedWidth - 2), highY = Float(paddedHeight - 2), stride = Int32(paddedWidth)
        let base = row * h * w
        let corner = corners + base, fx = fractionsX + base, fy = fractionsY + base
        var o = 0
        for y in 0..<h {
            let rowX = xy * Float(y) + x0, rowY = yy * Float(y) + y0
            for x in 0..<w {
                let sx = min(max(xx * Float(x) + rowX, 0), highX)
                let sy = min(max(yx * Float(x) + rowY, 0), highY)
                // Truncation is the floor here (sx, sy ≥ 0) and, unlike `floor`, no library call.
                let ix = Int32(sx), iy = Int32(sy)
                fx[o] = sx - Float(ix)
                fy[o] = sy - Float(iy)
                corner[o] = iy &* stride &+ ix
                o += 1
            }
        }
    }

    /// output = W·input for one image of `row` (h·w·c floats each, NHWC).
    func apply(row: Int, _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        let (h, w, c) = (shape.height, shape.width, shape.channels)
        let rowStride = paddedWidth * c
        for y in 0..<h {
            (padded + ((y + Self.border) * paddedWidth + Self.border) * c).update(from: input + y * w * c, count: w * c)
        }
        let base = row * h * w
        let corner = corners + base, fx = fractionsX + base, fy = fractionsY + base
        if c == 1 {
            // Grey images (Fashion-MNIST, digits): no channel loop.
            for p in 0..<(h * w) {
                let top = padded + Int(corner[p]), bottom = top + rowStride
                let (ax, ay) = (fx[p], fy[p])
                let upper = (1 - ax) * top[0] + ax * top[1], lower = (1 - ax) * bottom[0] + ax * bottom[1]
                output[p] = (1 - ay) * upper + ay * lower
            }
            return
        }
        for p in 0..<(h * w) {
            let top = padded + Int(corner[p]) * c, bottom = top + rowStride
            let (ax, ay) = (fx[p], fy[p])
            let out = output + p * c
            for ch in 0..<c {
                let upper = (1 - ax) * top[ch] + ax * top[ch + c]
                let lower = (1 - ax) * bottom[ch] + ax * bottom[ch + c]
                out[ch] = (1 - ay) * upper + ay * lower
            }
        }
    }

    /// input gradient = Wᵀ·output gradient for one image of `row` (overwrites `inputGradient`).
    func applyAdjoint(row: Int, _ outputGradient: UnsafePointer<Float>, into inputGradient: UnsafeMutablePointer<Float>) {
        let (h, w, c) = (shape.height, shape.width, shape.channels)
        let rowStride = paddedWidth * c
        let gradient = paddedGradient
        gradient.update(repeating: 0, count: paddedHeight * rowStride)
        let base = row * h * w
        let corner = corners + base, fx = fractionsX + base, fy = fractionsY + base
        for p in 0..<(h * w) {
            let top = gradient + Int(corner[p]) * c, bottom = top + rowStride
            let (ax, ay) = (fx[p], fy[p])
            let g = outputGradient + p * c
            for ch in 0..<c {
                let upper = (1 - ay) * g[ch], lower = ay * g[ch]
                top[ch] += (1 - ax) * upper
                top[ch + c] += ax * upper
                bottom[ch] += (1 - ax) * lower
                bottom[ch + c] += ax * lower
            }
        }
        // What landed on the border belongs to samples of the zero padding: dropped.
        for y in 0..<h {
            (inputGradient + y * w * c).update(from: gradient + ((y + Self.border) * paddedWidth + Self.border) * c, count: w * c)
        }
    }
}
