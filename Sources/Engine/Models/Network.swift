/// A feed-forward stack of layers ending in a linear readout, with its loss.
public final class Network {
    public let config: ModelConfig
    public let layers: [Layer]
    public let loss: SoftmaxCrossEntropy
    /// Largest batch any call may pass (all buffers are sized for it).
    public let batchCapacity: Int
    public let parameters: [Parameter]

    /// Builds the network of `config`, draws its initial weights from `seed`, and sets each
    /// tensor's learning-rate multiplier for `optimizer` under the config's parameterization.
    public init(config: ModelConfig, batchCapacity: Int, optimizer: OptimizerFamily, seed: UInt64) {
        self.config = config
        self.batchCapacity = batchCapacity
        let layers = Network.buildLayers(config, batchCapacity: batchCapacity)
        layers[0].computesInputGradient = false
        self.layers = layers
        parameters = layers.flatMap(\.parameters)
        loss = SoftmaxCrossEntropy(classes: config.classes, batchCapacity: batchCapacity)
        initialize(optimizer: optimizer, seed: seed)
    }

    /// Class logits for a batch (rows = examples).
    @discardableResult
    public func forward(_ input: Matrix) -> Matrix {
        var x = input
        for layer in layers { x = layer.forward(x) }
        return x
    }

    /// Penultimate-layer features for a batch: the input of the readout layer.
    public func features(_ input: Matrix) -> Matrix {
        var x = input
        for layer in layers.dropLast() { x = layer.forward(x) }
        return x
    }

    /// Width of the penultimate layer.
    public var featureWidth: Int { layers[layers.count - 2].outputWidth }

    /// Forward, loss and backward for one batch; leaves gradients in `parameters`.
    /// Returns the batch's mean loss and number of correct predictions.
    public func lossAndGradient(_ input: Matrix, labels: UnsafePointer<Int32>) -> (loss: Double, correct: Int) {
        let logits = forward(input)
        let result = loss.evaluate(logits: logits, labels: labels)
        var g = loss.logitGradient
        for layer in layers.reversed() { g = layer.backward(g) }
        return result
    }

    private func initialize(optimizer: OptimizerFamily, seed: UInt64) {
        var rng = RandomStream(seed: seed)
        let p = config.parameterization, m = config.widthMultiplier
        for layer in layers {
            let role: LayerRole, fanIn: Int, weight: Parameter, bias: Parameter
            switch layer {
            case let dense as Dense: (role, fanIn, weight, bias) = (dense.role, dense.fanIn, dense.weight, dense.bias)
            case let conv as Conv2D: (role, fanIn, weight, bias) = (conv.role, conv.fanIn, conv.weight, conv.bias)
            default: continue
            }
            let std = p.initStd(role: role, fanIn: fanIn, widthMultiplier: m)
            let w = weight.value.base
            for i in 0..<weight.count { w[i] = std * rng.nextNormal() }
            bias.value.zero()
            weight.learningRateScale = p.learningRateScale(role: role, isBias: false, optimizer: optimizer, widthMultiplier: m)
            bias.learningRateScale = p.learningRateScale(role: role, isBias: true, optimizer: optimizer, widthMultiplier: m)
        }
    }

    private static func buildLayers(_ c: ModelConfig, batchCapacity b: Int) -> [Layer] {
        switch c.architecture {
        case .mlp(let depth):
            precondition(depth >= 1, "an MLP needs at least one hidden layer")
            var layers: [Layer] = []
            var fanIn = c.inputShape.count
            for i in 0..<depth {
                layers.append(Dense(fanIn: fanIn, fanOut: c.width, role: i == 0 ? .input : .hidden,
                                    batchCapacity: b, name: "dense\(i + 1)"))
                layers.append(ReLU(width: c.width, batchCapacity: b))
                fanIn = c.width
            }
            layers.append(Dense(fanIn: fanIn, fanOut: c.classes, role: .output, batchCapacity: b, name: "readout"))
            return layers
        case .cnn:
            let conv1 = Conv2D(input: c.inputShape, outChannels: c.width, role: .input, batchCapacity: b, name: "conv1")
            let pool1 = MaxPool2D(input: conv1.outputShape, batchCapacity: b)
            let conv2 = Conv2D(input: pool1.outputShape, outChannels: 2 * c.width, role: .hidden, batchCapacity: b, name: "conv2")
            let pool2 = MaxPool2D(input: conv2.outputShape, batchCapacity: b)
            let conv3 = Conv2D(input: pool2.outputShape, outChannels: 4 * c.width, role: .hidden, batchCapacity: b, name: "conv3")
            let gap = GlobalAveragePool(input: conv3.outputShape, batchCapacity: b)
            return [
                conv1, ReLU(width: conv1.outputWidth, batchCapacity: b), pool1,
                conv2, ReLU(width: conv2.outputWidth, batchCapacity: b), pool2,
                conv3, ReLU(width: conv3.outputWidth, batchCapacity: b), gap,
                Dense(fanIn: 4 * c.width, fanOut: c.classes, role: .output, batchCapacity: b, name: "readout"),
            ]
        }
    }
}
