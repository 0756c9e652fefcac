/// The normal equations of one ridge problem, kept in whichever form is smaller, solvable for
/// any penalty λ.
///
/// Primal (h ≤ n): (FᵀF + λI) W = FᵀX_c. Dual (n < h): (FFᵀ + λI) A = X_c, then W = FᵀA.
/// Both give the same W; the Gram is built once and only its diagonal changes with λ.
struct RidgeSystem {
    let form: Covariance.Form
    let examples: Int
    let units: Int
    let inputs: Int
    let hiddenMean: [Double]
    let inputMean: [Double]
    /// FᵀF (h×h) or FFᵀ (n×n); emptied by `solveReleasingGram`.
    private(set) var gram: [Double]
    /// FᵀX_c (h×p) or X_c (n×p), Double.
    let rightHandSide: [Double]
    /// The activations, kept in the dual form to map A back to W = FᵀA.
    let hidden: Matrix?

    /// tr(FᵀF)/h: the unit of the relative penalty α.
    var scale: Double {
        let order = form == .units ? units : examples
        var trace = 0.0
        for i in 0..<order { trace += gram[i * order + i] }
        return trace / Double(units)
    }

    init(hidden: Matrix, inputs: Matrix, form: Covariance.Form? = nil) throws {
        let n = hidden.rows, h = hidden.cols, p = inputs.cols
        examples = n
        units = h
        self.inputs = p
        hiddenMean = try CentredProducts.columnMeans(hidden, name: "hidden activations")
        inputMean = try CentredProducts.columnMeans(inputs, name: "inputs")
        self.form = form ?? (h <= n ? .units : .examples)
        if self.form == .units {
            gram = CentredProducts.gramOfUnits(hidden, mean: hiddenMean)
            rightHandSide = CentredProducts.crossProduct(hidden, meanA: hiddenMean, inputs, meanB: inputMean)
            self.hidden = nil
        } else {
            gram = CentredProducts.gramOfExamples(hidden, mean: hiddenMean)
            var centred = [Double](repeating: 0, count: n * p)
            for r in 0..<n { for c in 0..<p { centred[r * p + c] = Double(inputs.base[r * p + c]) - inputMean[c] } }
            rightHandSide = centred
            self.hidden = hidden
        }
    }

    private init(form: Covariance.Form, examples: Int, units: Int, inputs: Int, hiddenMean: [Double],
                 inputMean: [Double], gram: [Double], rightHandSide: [Double]) {
        self.form = form
        self.examples = examples
        self.units = units
        self.inputs = inputs
        self.hiddenMean = hiddenMean
        self.inputMean = inputMean
        self.gram = gram
        self.rightHandSide = rightHandSide
        hidden = nil
    }

    /// W (h×p, row-major) for penalty `lambda` > 0. Factorises a copy of the Gram.
    func solve(lambda: Double) throws -> [Double] {
        try Self.solve(gram, lambda: lambda, form: form, order: form == .units ? units : examples,
                       rightHandSide: rightHandSide, inputs: inputs, hidden: hidden, hiddenMean: hiddenMean)
    }

    /// `solve(lambda:)` that factorises the Gram itself, leaving the system unable to solve
    /// again: the last solve of a fit needs no second h×h matrix.
    mutating func solveReleasingGram(lambda: Double) throws -> [Double] {
        let system = gram
        gram = []
        return try Self.solve(system, lambda: lambda, form: form, order: form == .units ? units : examples,
                              rightHandSide: rightHandSide, inputs: inputs, hidden: hidden, hiddenMean: hiddenMean)
    }

    private static func solve(_ gram: consuming [Double], lambda: Double, form: Covariance.Form, order: Int,
                              rightHandSide: [Double], inputs: Int, hidden: Matrix?,
                              hiddenMean: [Double]) throws -> [Double] {
        precondition(gram.count == order * order, "this system's Gram was released by a previous solve")
        var system = gram
        for i in 0..<order { system[i * order + i] += lambda }
        let solution = try LAPACK.choleskySolve(consume system, order: order, rightHandSides: rightHandSide,
                                                columns: inputs)
        guard form == .examples, let hidden else { return solution }
        return CentredProducts.centredTransposeTimes(hidden, mean: hiddenMean, solution, columns: inputs)
    }

    /// The system of all training rows, given this one (of some rows, primal form) and the other
    /// rows. The two centred Grams combine exactly (Chan, Golub & LeVeque's pairwise update):
    /// K = K_a + K_b + (n_a n_b / n) δδᵀ with δ the difference of the means, and likewise FᵀX_c,
    /// so only the other rows' Gram is computed. (The dual form's matrix grows with the rows; it
    /// is rebuilt instead.)
    func merged(withRows otherHidden: Matrix, _ otherInputs: Matrix) throws -> RidgeSystem {
        precondition(form == .units, "only the primal form merges")
        let other = try RidgeSystem(hidden: otherHidden, inputs: otherInputs, form: .units)
        let na = Double(examples), nb = Double(other.examples), n = na + nb
        let h = units, p = inputs
        let dh = (0..<h).map { other.hiddenMean[$0] - hiddenMean[$0] }
        let dx = (0..<p).map { other.inputMean[$0] - inputMean[$0] }
        let weight = na * nb / n
        var k = gram, g = rightHandSide
        for i in 0..<h {
            for j in 0..<h { k[i * h + j] += other.gram[i * h + j] + weight * dh[i] * dh[j] }
            for j in 0..<p { g[i * p + j] += other.rightHandSide[i * p + j] + weight * dh[i] * dx[j] }
        }
        return RidgeSystem(form: .units, examples: examples + other.examples, units: h, inputs: p,
                           hiddenMean: (0..<h).map { hiddenMean[$0] + dh[$0] * nb / n },
                           inputMean: (0..<p).map { inputMean[$0] + dx[$0] * nb / n },
                           gram: k, rightHandSide: g)
    }
}
