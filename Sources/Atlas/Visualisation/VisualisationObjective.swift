import Glibc

/// The objective of a `VisualisationTarget` and its gradient with respect to one activation row.
///
/// With d = a·w, cos = a·v / (‖a‖‖v‖) and c = max(floor, cos), the objective is f = d·cᵏ and
///
///     ∂f/∂a = cᵏ·w + k·d·cᵏ⁻¹·∂cos/∂a,   ∂cos/∂a = v/(‖a‖‖v‖) − cos·a/‖a‖²,
///
/// the second term only where the cosine is above the floor (the clamp passes no gradient). Sums
/// run in Double: the activations are Float, but the cosine of a wide layer is a difference of
/// large sums and finite-difference checks need its digits.
struct VisualisationObjective {
    /// Smallest cosine the objective uses (Lucid's 0.1): below it the factor is constant.
    static let cosineFloor = 0.1

    let direction: [Float]
    let whitened: [Float]
    let power: Double
    let directionNorm: Double

    init(_ target: VisualisationTarget) {
        direction = target.direction
        whitened = target.whitened
        power = Double(target.cosinePower)
        directionNorm = target.direction.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
    }

    /// Features per activation row.
    var width: Int { direction.count }

    /// f(a) for the `width` activations at `a`; writes ∂f/∂a to `gradient` when it is given.
    func evaluate(_ a: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>? = nil) -> Double {
        let n = width
        var dot = 0.0, along = 0.0, squared = 0.0
        direction.withUnsafeBufferPointer { v in
            whitened.withUnsafeBufferPointer { w in
                for i in 0..<n {
                    let ai = Double(a[i])
                    dot += ai * Double(w[i])
                    along += ai * Double(v[i])
                    squared += ai * ai
                }
            }
        }
        let norm = squared.squareRoot()
        // A zero activation (every unit dead) or a zero direction has no cosine: treat it as
        // clamped, which leaves the dot product to pull the image out of the dead zone.
        let cosine = norm > 0 && directionNorm > 0 ? along / (norm * directionNorm) : -1
        let clamped = max(Self.cosineFloor, cosine)
        let factor = power == 0 ? 1 : pow(clamped, power)
        let value = dot * factor
        guard let g = gradient else { return value }

        let throughCosine = power != 0 && cosine > Self.cosineFloor
        // ∂f/∂a = factor·w + k·d·cᵏ⁻¹·(v/(‖a‖‖v‖) − cos·a/‖a‖²), split into per-vector coefficients.
        let cosineScale = throughCosine ? power * dot * pow(clamped, power - 1) : 0
        let onV = Float(throughCosine ? cosineScale / (norm * directionNorm) : 0)
        let onA = Float(throughCosine ? -cosineScale * cosine / squared : 0)
        let onW = Float(factor)
        direction.withUnsafeBufferPointer { v in
            whitened.withUnsafeBufferPointer { w in
                for i in 0..<n { g[i] = onW * w[i] + onV * v[i] + onA * a[i] }
            }
        }
        return value
    }
}
