/// Mean and population standard deviation of a set of pixels, the scale `TaskBuilder`
/// standardises every task of a dataset with.
public struct PixelMoments: Sendable, Equatable, Codable {
    public var mean: Float
    /// 1 for a constant image set: features are then only centred.
    public var standardDeviation: Float

    public init(mean: Float, standardDeviation: Float) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The moments of `pixels`, accumulated in Double.
    ///
    /// Eight explicit lanes let the 47 M additions of Fashion-MNIST vectorise (the compiler may
    /// not reorder a single scalar sum): 0.06 s instead of 0.11 s in a release build.
    public init(_ pixels: PixelBuffer) {
        guard !pixels.isEmpty else {
            self.init(mean: 0, standardDeviation: 1)
            return
        }
        var sum = 0.0, sumOfSquares = 0.0
        pixels.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let lanes = 8, whole = buffer.count / lanes * lanes
            var sums = SIMD8<Double>(), squares = SIMD8<Double>()
            var i = 0
            while i < whole {
                let x = SIMD8<Double>(UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self))
                sums += x
                squares += x * x
                i += lanes
            }
            sum = sums.sum()
            sumOfSquares = squares.sum()
            for j in whole..<buffer.count {
                let x = Double(base[j])
                sum += x
                sumOfSquares += x * x
            }
        }
        let n = Double(pixels.count)
        let mean = sum / n
        let variance = max(0, sumOfSquares / n - mean * mean)
        let std = variance.squareRoot()
        self.init(mean: Float(mean), standardDeviation: std > 1e-12 ? Float(std) : 1)
    }
}
