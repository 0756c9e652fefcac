/// Where a layer sits, which decides its initialisation and learning-rate scaling under μP.
public enum LayerRole: String, Sendable, Codable {
    /// Maps the input (fixed size) into the width-sized hidden space.
    case input
    /// Maps width-sized space to width-sized space.
    case hidden
    /// The readout: width-sized features to class logits.
    case output
}

/// One differentiable operation on a batch. Forward and backward live side by side in each
/// conforming type; all buffers are allocated in `init` for `batchCapacity` examples.
public protocol Layer: AnyObject {
    /// Floats per example this layer produces.
    var outputWidth: Int { get }
    /// Trainable tensors (empty for activations and pooling).
    var parameters: [Parameter] { get }
    /// False for the first layer: nobody needs the gradient with respect to the input pixels,
    /// and skipping it saves the largest backward GEMM of an MLP.
    var computesInputGradient: Bool { get set }
    /// Computes the output for `input` (rows = examples) into the layer's own buffer.
    func forward(_ input: Matrix) -> Matrix
    /// Given ∂loss/∂output, writes parameter gradients and returns ∂loss/∂input
    /// (an unspecified buffer when `computesInputGradient` is false). Uses the last forward's input.
    func backward(_ outputGradient: Matrix) -> Matrix
}
