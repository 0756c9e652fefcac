import Engine

/// One image under ascent between chunks: its target, random stream, spectral coefficients and
/// Adam moments (all three c·h·w floats in (channel, u, v) order), and, after its last chunk,
/// its plain (untransformed) pixels and their objective.
///
/// The batch layout of a chunk depends on how many rows it holds (`SpectralBasis` stores the
/// batch frequency-row-major), so a row that outlives its chunk — the best restart of a target,
/// carried on alone after the restarts are compared — is kept here in image order.
struct AscentRow {
    let target: Int
    var stream: RandomStream
    var coefficients: [Float]
    var firstMoment: [Float]
    var secondMoment: [Float]
    var pixels: [Float] = []
    var objective = -Double.infinity

    /// A fresh start: Lucid's small noise around zero logits (a flat grey image), drawn from the
    /// row's own stream in (channel, u, v) order; zero moments.
    init(target: Int, stream: RandomStream, parameters: Int) {
        self.target = target
        self.stream = stream
        coefficients = [Float](repeating: 0, count: parameters)
        for i in 0..<parameters { coefficients[i] = 0.01 * self.stream.nextNormal() }
        firstMoment = [Float](repeating: 0, count: parameters)
        secondMoment = [Float](repeating: 0, count: parameters)
    }
}
