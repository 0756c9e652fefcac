/// Information in the penultimate hidden state on the probe set (docs/metrics.md), for the trained
/// network and for its untrained control, so the report can separate what training added from
/// what a wide random layer keeps anyway.
public struct InformationResult: Codable, Sendable, Equatable {
    /// Held-out source-task test examples the metrics are scored on.
    public var probeExamples: Int
    /// Source-task training examples the regressions are fitted on.
    public var fitExamples: Int
    public var trained: HiddenStateMetrics
    public var control: HiddenStateMetrics

    public init(probeExamples: Int, fitExamples: Int, trained: HiddenStateMetrics, control: HiddenStateMetrics) {
        self.probeExamples = probeExamples
        self.fitExamples = fitExamples
        self.trained = trained
        self.control = control
    }
}

/// The metrics of one network's hidden state; docs/metrics.md defines each.
public struct HiddenStateMetrics: Codable, Sendable, Equatable {
    /// Held-out R² of a ridge regression from hidden state to input pixels.
    public var reconstructionR2: Double
    /// Ridge strength chosen for it.
    public var reconstructionL2: Double
    /// Linear-probe accuracy on the fine labels; nil unless the source task uses coarse groups.
    public var fineProbeAccuracy: Double?
    /// (Σλ)² / Σλ² of the hidden-state covariance spectrum: effective dimensionality.
    public var participationRatio: Double
    /// Within-class over between-class scatter (source labels); → 0 at neural collapse.
    public var collapseRatio: Double
    /// Mean class-selectivity index of live single units.
    public var neuronSelectivity: Double
    /// Mean class-selectivity index of the top principal directions.
    public var directionSelectivity: Double
    /// Units that never activate on the probe set (excluded from neuron selectivity).
    public var deadUnits: Int

    public init(reconstructionR2: Double, reconstructionL2: Double, fineProbeAccuracy: Double?,
                participationRatio: Double, collapseRatio: Double, neuronSelectivity: Double,
                directionSelectivity: Double, deadUnits: Int) {
        self.reconstructionR2 = reconstructionR2
        self.reconstructionL2 = reconstructionL2
        self.fineProbeAccuracy = fineProbeAccuracy
        self.participationRatio = participationRatio
        self.collapseRatio = collapseRatio
        self.neuronSelectivity = neuronSelectivity
        self.directionSelectivity = directionSelectivity
        self.deadUnits = deadUnits
    }
}
