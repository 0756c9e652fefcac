import Engine
import Shared

/// Generates a small learnable dataset in memory, for tests and smoke runs.
///
/// Each class gets a prototype image of independent uniform [0, 1] pixels; an example is its
/// class prototype plus Gaussian noise of standard deviation `noise`, clamped to [0, 1] so
/// synthetic pixels obey the same range as decoded ones. Everything is drawn from one
/// `RandomStream(seed:)` — prototypes, then train, then test examples — so a seed fixes every
/// byte. Examples cycle through the classes (0, 1, …, k−1, 0, 1, …) so any prefix is balanced.
enum SyntheticGenerator {
    /// Largest dataset we agree to generate, in floats (1 GiB): larger is a typo, not a test.
    static let maxFloats = 1 << 28

    static func generate(_ parameters: SyntheticDataSpec, name: String) throws -> Dataset {
        try validate(parameters)
        let shape = ImageShape(height: parameters.height, width: parameters.width, channels: parameters.channels)
        var random = RandomStream(seed: parameters.seed)
        // The spec's noise in the engine's pixel type; validated finite and ≥ 0 above.
        let noise = Float(parameters.noise)
        let prototypes = (0..<parameters.classes).map { _ in
            (0..<shape.count).map { _ in random.nextUniform() }
        }
        func sample(perClass: Int) -> ImageSet {
            var images: [Float] = []
            images.reserveCapacity(perClass * parameters.classes * shape.count)
            var labels: [Int32] = []
            labels.reserveCapacity(perClass * parameters.classes)
            for _ in 0..<perClass {
                for (label, prototype) in prototypes.enumerated() {
                    for pixel in prototype {
                        images.append(min(1, max(0, pixel + noise * random.nextNormal())))
                    }
                    labels.append(Int32(label))
                }
            }
            return ImageSet(images: images, labels: labels, shape: shape)
        }
        let train = sample(perClass: parameters.trainPerClass)
        let test = sample(perClass: parameters.testPerClass)
        return Dataset(name: name, shape: shape, classNames: ClassNames.generic(parameters.classes),
                       train: train, test: test)
    }

    static func validate(_ p: SyntheticDataSpec) throws {
        func fail(_ detail: String) -> DatasetError { .invalidSyntheticParameters(detail: detail) }
        guard p.classes >= 2 else { throw fail("classes is \(p.classes), need at least 2") }
        guard p.trainPerClass >= 1, p.testPerClass >= 1 else {
            throw fail("trainPerClass \(p.trainPerClass) and testPerClass \(p.testPerClass) must both be at least 1")
        }
        guard p.height >= 1, p.width >= 1, p.channels >= 1 else {
            throw fail("image size \(p.height)×\(p.width)×\(p.channels) must be at least 1×1×1")
        }
        guard p.noise.isFinite, p.noise >= 0 else { throw fail("noise is \(p.noise), need a finite value ≥ 0") }
        var total = 1
        for factor in [p.classes, p.trainPerClass + p.testPerClass, p.height, p.width, p.channels] {
            let (product, overflow) = total.multipliedReportingOverflow(by: factor)
            guard !overflow, product <= maxFloats else {
                throw fail("more than \(maxFloats) pixels requested; make it smaller")
            }
            total = product
        }
    }
}
