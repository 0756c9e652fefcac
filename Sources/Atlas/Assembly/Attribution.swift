import Engine

/// Which source class a hidden direction supports, read off the network's linear readout.
///
/// Carter et al. label atlas cells by attribution, activation × gradient of the class logit.
/// Here the readout is linear, so ∂logit_c/∂a = W[:, c] and the attribution of a direction a to
/// class c is a · W[:, c], its logit without the bias: the label is the class the direction
/// pushes hardest, whatever the bias adds for every input alike.
public struct Attribution: Sendable {
    /// Readout weights, fanIn × classes, row-major (a copy: the network may change later).
    let weights: [Float]
    public let featureWidth: Int
    public let classes: Int

    /// The readout of `network`: its last layer must be `Dense` (every engine network's is).
    public init(network: Network) {
        guard let readout = network.layers.last as? Dense else {
            preconditionFailure("the network's last layer is not a dense readout")
        }
        self.init(weights: Array(UnsafeBufferPointer(start: readout.weight.value.base, count: readout.weight.count)),
                  featureWidth: readout.fanIn, classes: readout.fanOut)
    }

    public init(weights: [Float], featureWidth: Int, classes: Int) {
        precondition(weights.count == featureWidth * classes, "\(weights.count) weights for \(featureWidth) × \(classes)")
        self.weights = weights
        self.featureWidth = featureWidth
        self.classes = classes
    }

    /// a · W[:, c] for each class c.
    public func scores(_ activation: [Float]) -> [Double] {
        precondition(activation.count == featureWidth, "activation of width \(activation.count), readout expects \(featureWidth)")
        var scores = [Double](repeating: 0, count: classes)
        for i in 0..<featureWidth where activation[i] != 0 {
            let a = Double(activation[i])
            for c in 0..<classes { scores[c] += a * Double(weights[i * classes + c]) }
        }
        return scores
    }

    /// The class a direction most supports (lowest index on ties).
    public func label(_ activation: [Float]) -> Int { Self.argmax(scores(activation)) }

    /// The class a single unit most supports: its largest outgoing readout weight.
    public func label(unit: Int) -> Int {
        Self.argmax((0..<classes).map { Double(weights[unit * classes + $0]) })
    }

    static func argmax(_ values: [Double]) -> Int {
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }
}
