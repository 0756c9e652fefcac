@testable import Engine

/// Finite-difference oracle shared by the gradient-check tests.
enum GradientCheck {
    /// Central difference of `f` with respect to the float at `p` (restored afterwards).
    static func numeric(_ f: () -> Double, at p: UnsafeMutablePointer<Float>, step: Float = 1e-2) -> Double {
        let saved = p.pointee
        p.pointee = saved + step
        let plus = f()
        p.pointee = saved - step
        let minus = f()
        p.pointee = saved
        return (plus - minus) / Double(2 * step)
    }

    /// Float32 forward passes make finite differences accurate to ~1e-4 absolute; the tolerance
    /// is loose enough for that and tight enough to catch a wrong index or a missing term.
    static func agrees(_ analytic: Double, _ numeric: Double) -> Bool {
        abs(analytic - numeric) <= 2e-3 + 2e-2 * max(abs(analytic), abs(numeric))
    }

    /// Indices to probe in a tensor of `count` values: all if small, else an even spread.
    static func probes(_ count: Int, limit: Int = 24) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        return (0..<limit).map { $0 * count / limit + ($0 * 7) % max(1, count / limit) }
    }

    /// Fills a matrix with deterministic normal values scaled by `scale`.
    static func fillRandom(_ m: Matrix, seed: UInt64, scale: Float = 1) {
        var rng = RandomStream(seed: seed)
        for i in 0..<m.count { m.base[i] = scale * rng.nextNormal() }
    }
}

/// Mismatches between analytic and numeric gradients, as readable lines (empty when all agree).
struct GradientMismatches {
    var lines: [String] = []
    mutating func check(_ name: String, index: Int, analytic: Double, numeric: Double) {
        if !GradientCheck.agrees(analytic, numeric) {
            lines.append("\(name)[\(index)]: analytic \(analytic) vs numeric \(numeric)")
        }
    }
}
