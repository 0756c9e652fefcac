/// How initial weights and per-layer learning rates depend on width.
///
/// Width studies mean nothing without saying which one was used: under the standard
/// parameterization the best learning rate drifts with width, under μP it transfers.
public enum Parameterization: String, Sendable, Codable, CaseIterable {
    /// He-normal init (std √(2/fanIn)) for layers followed by ReLU, LeCun-normal (√(1/fanIn)) for
    /// the readout; every tensor uses the optimizer's learning rate.
    case standard
    /// Maximal-update parameterization (Yang & Hu 2021; Tensor Programs V, Table 3), written
    /// relative to a base width so that μP equals `standard` when width == baseWidth.
    /// With m = width / baseWidth:
    ///
    /// | tensor          | init std         | SGD lr × | Adam lr × |
    /// |-----------------|------------------|----------|-----------|
    /// | input weights   | √(2/fanIn)       | m        | 1         |
    /// | hidden weights  | √(2/fanIn)       | 1        | 1/m       |
    /// | output weights  | √(1/fanIn)/√m    | 1/m      | 1/m       |
    /// | input/hidden b  | 0                | m        | 1         |
    /// | output bias     | 0                | 1        | 1         |
    case mup
}

/// Which optimizer family the learning-rate multipliers are for (μP differs between them).
public enum OptimizerFamily: Sendable {
    case sgd, adam
}

extension Parameterization {
    /// Standard deviation of the normal initial weights of a layer with this role and fan-in.
    public func initStd(role: LayerRole, fanIn: Int, widthMultiplier m: Double) -> Float {
        switch (self, role) {
        case (_, .input), (_, .hidden): return Float((2.0 / Double(fanIn)).squareRoot())
        case (.standard, .output): return Float((1.0 / Double(fanIn)).squareRoot())
        case (.mup, .output): return Float((1.0 / Double(fanIn) / m).squareRoot())
        }
    }

    /// Learning-rate multiplier of a layer's weight (`isBias` false) or bias.
    public func learningRateScale(role: LayerRole, isBias: Bool, optimizer: OptimizerFamily,
                                  widthMultiplier m: Double) -> Float {
        guard self == .mup else { return 1 }
        switch (role, isBias, optimizer) {
        case (.output, true, _): return 1
        case (_, true, .sgd): return Float(m)
        case (_, true, .adam): return 1
        case (.input, false, .sgd): return Float(m)
        case (.input, false, .adam): return 1
        case (.hidden, false, .sgd): return 1
        case (.hidden, false, .adam): return Float(1 / m)
        case (.output, false, _): return Float(1 / m)
        }
    }
}
