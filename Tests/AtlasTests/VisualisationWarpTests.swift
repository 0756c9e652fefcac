import Testing
@testable import Atlas
import Engine

/// The bilinear robustness warp and its adjoint.
@Suite struct VisualisationWarpTests {
    let shape = ImageShape(height: 5, width: 6, channels: 3)

    func random(_ count: Int, seed: UInt64) -> [Float] {
        var rng = RandomStream(seed: seed)
        return (0..<count).map { _ in rng.nextNormal() }
    }

    func warp(_ transform: WarpTransform, _ x: [Float]) -> [Float] {
        let w = BilinearWarp(shape: shape, capacity: 2)
        w.prepare(row: 1, transform)
        var out = [Float](repeating: .nan, count: shape.count)
        x.withUnsafeBufferPointer { src in out.withUnsafeMutableBufferPointer { w.apply(row: 1, src.baseAddress!, into: $0.baseAddress!) } }
        return out
    }

    @Test func adjointSatisfiesTheInnerProductIdentity() {
        // ⟨W x, y⟩ = ⟨x, Wᵀ y⟩ for transforms that move some samples off the image.
        let transforms = [
            WarpTransform(shiftX: 2, shiftY: -1, scale: 0.9, rotation: 0.17),
            WarpTransform(shiftX: -1, shiftY: 2, scale: 1.1, rotation: -0.3),
        ]
        let w = BilinearWarp(shape: shape, capacity: 2)
        for (i, t) in transforms.enumerated() {
            w.prepare(row: i, t)
            let x = random(shape.count, seed: 10 + UInt64(i)), y = random(shape.count, seed: 20 + UInt64(i))
            var wx = [Float](repeating: 0, count: shape.count), wty = wx
            x.withUnsafeBufferPointer { w.apply(row: i, $0.baseAddress!, into: &wx) }
            y.withUnsafeBufferPointer { w.applyAdjoint(row: i, $0.baseAddress!, into: &wty) }
            let left = zip(wx, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let right = zip(x, wty).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            #expect(abs(left - right) < 1e-5 * max(1, abs(left)), "transform \(t): \(left) vs \(right)")
        }
    }

    @Test func identityTransformIsTheIdentity() {
        let x = random(shape.count, seed: 3)
        #expect(warp(.identity, x) == x)
    }

    @Test func wholePixelShiftMovesContentAndFillsWithZero() {
        // Shift +1 in x: output column j shows input column j − 1; column 0 is off-image (zero).
        let x = random(shape.count, seed: 4)
        let out = warp(WarpTransform(shiftX: 1, shiftY: 0, scale: 1, rotation: 0), x)
        let (w, c) = (shape.width, shape.channels)
        for y in 0..<shape.height {
            for ch in 0..<c {
                #expect(out[(y * w) * c + ch] == 0)
                for col in 1..<w { #expect(out[(y * w + col) * c + ch] == x[(y * w + col - 1) * c + ch]) }
            }
        }
    }

    @Test func quarterTurnPermutesPixels() {
        // On a square image a 90° turn about the centre maps pixels onto pixels: output (x, y)
        // reads input (y, n−1−x) for this rotation sense.
        let square = ImageShape(height: 4, width: 4, channels: 1)
        let w = BilinearWarp(shape: square, capacity: 1)
        w.prepare(row: 0, WarpTransform(shiftX: 0, shiftY: 0, scale: 1, rotation: Double.pi / 2))
        let x = (0..<16).map(Float.init)
        var out = [Float](repeating: 0, count: 16)
        x.withUnsafeBufferPointer { w.apply(row: 0, $0.baseAddress!, into: &out) }
        for y in 0..<4 { for col in 0..<4 { #expect(abs(out[y * 4 + col] - x[(3 - col) * 4 + y]) < 1e-5) } }
    }

    @Test func randomTransformsStayWithinTheSettings() {
        let settings = VisualisationSettings(jitterPixels: 2, scaleRange: 0.9...1.1, rotationDegrees: 10)
        var rng = RandomStream(seed: 1)
        var shifts = Set<Double>()
        for _ in 0..<500 {
            let t = WarpTransform.random(settings, &rng)
            shifts.insert(t.shiftX)
            #expect(abs(t.shiftX) <= 2 && abs(t.shiftY) <= 2 && t.shiftX == t.shiftX.rounded())
            #expect(t.scale >= 0.9 && t.scale <= 1.1)
            #expect(abs(t.rotation) <= 10 * Double.pi / 180 + 1e-12)
        }
        #expect(shifts == [-2, -1, 0, 1, 2])
    }
}
