import Testing
@testable import Atlas
import Engine

/// The ascent on a small random MLP (8×8 digits-sized inputs): it raises the objective beyond a
/// flat start and beyond random images, points the features along the target, is deterministic,
/// and leaves the network as it found it.
@Suite struct VisualisationAscentTests {
    static let shape = ImageShape(height: 8, width: 8, channels: 1)
    /// Transforms shrunk to the 8×8 image (the defaults' 2-pixel jitter is a quarter of it).
    static let settings = VisualisationSettings(steps: 128, restarts: 3, jitterPixels: 1, scaleRange: 0.95...1.05,
                                                rotationDegrees: 5)

    /// Capacity 4 with 2 targets × 3 restarts forces two chunks, with a target split across them.
    static func makeVisualiser(settings: VisualisationSettings = settings) -> FeatureVisualiser {
        let config = ModelConfig(architecture: .mlp(depth: 2), inputShape: shape, classes: 10, width: 32,
                                 parameterization: .standard, baseWidth: 32)
        let network = Network(config: config, batchCapacity: 4, optimizer: .sgd, seed: 17)
        return FeatureVisualiser(network: network, shape: shape, pixelMean: 0.3, pixelStandardDeviation: 0.35,
                                 settings: settings)
    }

    /// 100 images of independent uniform pixels.
    static let randomImages: [[Float]] = {
        var rng = RandomStream(seed: 99)
        return (0..<100).map { _ in (0..<shape.count).map { _ in rng.nextUniform() } }
    }()

    /// Penultimate activations of `pixels` (no transforms).
    static func features(_ visualiser: FeatureVisualiser, _ pixels: [Float]) -> [Float] {
        let x = Matrix(rows: 1, cols: shape.count)
        for i in 0..<pixels.count { x.base[i] = (pixels[i] - visualiser.pixelMean) / visualiser.pixelStandardDeviation }
        return visualiser.network.features(x).values
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var ab = 0.0, aa = 0.0, bb = 0.0
        for i in a.indices { ab += Double(a[i] * b[i]); aa += Double(a[i] * a[i]); bb += Double(b[i] * b[i]) }
        return aa > 0 && bb > 0 ? ab / (aa * bb).squareRoot() : 0
    }

    /// A direction target as an atlas makes one: the mean activation of a few smooth images (a
    /// bright bar at different heights), whitened against the activations of the random images.
    static func directionTarget(_ visualiser: FeatureVisualiser) throws -> VisualisationTarget {
        let width = visualiser.network.featureWidth
        var mean = [Float](repeating: 0, count: width)
        for row in 2..<5 {
            var bar = [Float](repeating: 0, count: shape.count)
            for x in 1..<7 { bar[row * 8 + x] = 1 }
            for (i, a) in features(visualiser, bar).enumerated() { mean[i] += a / 3 }
        }
        let activations = Matrix(rows: randomImages.count, cols: width,
                                 values: randomImages.flatMap { features(visualiser, $0) })
        let whitening = try Whitening(activations: activations)
        return VisualisationTarget(direction: mean, whitened: whitening.apply(mean), cosinePower: 2)
    }

    /// The unit most active on the mean random image: alive, so it can be driven.
    static func neuronTarget(_ visualiser: FeatureVisualiser) -> VisualisationTarget {
        let a = features(visualiser, [Float](repeating: 0.5, count: shape.count))
        return .neuron(a.indices.max { a[$0] < a[$1] } ?? 0, featureWidth: a.count)
    }

    @Test func ascentBeatsTheStartAndRandomImagesForDirectionsAndNeurons() throws {
        let visualiser = Self.makeVisualiser()
        let targets = [try Self.directionTarget(visualiser), Self.neuronTarget(visualiser)]
        var noSteps = Self.settings
        noSteps.steps = 0
        let start = Self.makeVisualiser(settings: noSteps).visualise(targets, seed: 1)
        let result = visualiser.visualise(targets, seed: 1)
        for (t, target) in targets.enumerated() {
            let bestRandom = Self.randomImages.map { visualiser.objective($0, target) }.max() ?? 0
            #expect(result[t].objective > start[t].objective, "target \(t): \(result[t].objective) vs start \(start[t].objective)")
            #expect(result[t].objective > bestRandom, "target \(t): \(result[t].objective) vs best random \(bestRandom)")
        }
    }

    @Test func aUnitSilentOnTheStartImageIsStillDriven() {
        // The flat grey start gives a silent unit no gradient; the redirected ReLU gradient must
        // get it going (the image would otherwise stay grey with objective 0).
        let visualiser = Self.makeVisualiser()
        let grey = Self.features(visualiser, [Float](repeating: 0.5, count: Self.shape.count))
        let silent = grey.indices.filter { grey[$0] == 0 }
        #expect(!silent.isEmpty, "the test needs a unit that is silent on grey")
        let targets = silent.prefix(2).map { VisualisationTarget.neuron($0, featureWidth: grey.count) }
        for (image, target) in zip(visualiser.visualise(targets, seed: 6), targets) {
            let bestRandom = Self.randomImages.map { visualiser.objective($0, target) }.max() ?? 0
            #expect(image.objective > 0 && image.objective > bestRandom, "\(image.objective) vs best random \(bestRandom)")
        }
    }

    @Test func optimisedImagePointsAlongTheDirectionMoreThanAnyRandomImage() throws {
        let visualiser = Self.makeVisualiser()
        let target = try Self.directionTarget(visualiser)
        let image = visualiser.visualise([target], seed: 2)[0]
        let achieved = Self.cosine(Self.features(visualiser, image.pixels), target.direction)
        let bestRandom = Self.randomImages.map { Self.cosine(Self.features(visualiser, $0), target.direction) }.max() ?? 1
        #expect(achieved > bestRandom, "cos \(achieved) vs best random \(bestRandom)")
    }

    @Test func sameSeedGivesIdenticalPixelsInTheUnitInterval() throws {
        let visualiser = Self.makeVisualiser()
        let targets = [Self.neuronTarget(visualiser), try Self.directionTarget(visualiser)]
        let first = visualiser.visualise(targets, seed: 7)
        let again = Self.makeVisualiser().visualise(targets, seed: 7)
        let other = visualiser.visualise(targets, seed: 8)
        #expect(first == again)
        #expect(first[0].pixels != other[0].pixels)
        for image in first {
            #expect(image.pixels.count == Self.shape.count)
            #expect(image.pixels.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
    }

    @Test func reportedObjectiveIsThatOfTheReturnedPixels() throws {
        let visualiser = Self.makeVisualiser()
        let targets = [try Self.directionTarget(visualiser), Self.neuronTarget(visualiser)]
        for (image, target) in zip(visualiser.visualise(targets, seed: 3), targets) {
            let recomputed = visualiser.objective(image.pixels, target)
            #expect(abs(recomputed - image.objective) <= 1e-4 * max(1, abs(recomputed)))
        }
    }

    @Test func networkWeightsAndSwitchesAreLeftAsTheyWere() {
        let visualiser = Self.makeVisualiser()
        let network = visualiser.network
        let weights = network.parameters.map(\.value.values)
        let inputFlags = network.layers.map(\.computesInputGradient)
        _ = visualiser.visualise([Self.neuronTarget(visualiser)], seed: 4)
        #expect(network.parameters.map(\.value.values) == weights)
        #expect(network.layers.map(\.computesInputGradient) == inputFlags)
        #expect(network.layers.compactMap { ($0 as? Dense)?.computesParameterGradients }.allSatisfy { $0 })
    }

    @Test func progressCountsImageStepsUpToTheTotal() {
        let visualiser = Self.makeVisualiser(settings: VisualisationSettings(steps: 32, restarts: 2))
        var calls: [(Int, Int)] = []
        _ = visualiser.visualise([Self.neuronTarget(visualiser), Self.neuronTarget(visualiser), Self.neuronTarget(visualiser)],
                                 seed: 5) { calls.append(($0, $1)) }
        #expect(calls.allSatisfy { $0.1 == 3 * 2 * 32 })
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.0 <= $1.0 })
        #expect(calls.last?.0 == 3 * 2 * 32)
        #expect(calls.count > 2)
    }

    @Test func predictedClassIsTheLargestLogit() {
        let visualiser = Self.makeVisualiser()
        let pixels = Self.randomImages[0]
        let x = Matrix(rows: 1, cols: Self.shape.count)
        for i in 0..<pixels.count { x.base[i] = (pixels[i] - 0.3) / 0.35 }
        let logits = visualiser.network.forward(x).values
        #expect(visualiser.predictedClass(pixels) == logits.indices.max { logits[$0] < logits[$1] })
    }
}
