import Glibc

/// Mean softmax cross-entropy over a batch, fused with its gradient with respect to the logits.
public final class SoftmaxCrossEntropy {
    public let classes: Int
    /// ∂(mean loss)/∂logits = (softmax − one-hot) / batch.
    public let logitGradient: Matrix

    public init(classes: Int, batchCapacity: Int) {
        self.classes = classes
        logitGradient = Matrix(rows: batchCapacity, cols: classes)
    }

    /// Loss and number of correct argmax predictions; fills `logitGradient`.
    /// Labels must lie in 0..<classes (the data readers guarantee it).
    public func evaluate(logits: Matrix, labels: UnsafePointer<Int32>) -> (loss: Double, correct: Int) {
        precondition(logits.cols == classes, "logits have \(logits.cols) columns, expected \(classes)")
        let batch = logits.rows
        logitGradient.rows = batch
        let invBatch = 1 / Float(batch)
        var total = 0.0
        var correct = 0
        for r in 0..<batch {
            let z = logits.base + r * classes
            let g = logitGradient.base + r * classes
            let label = Int(labels[r])
            // Subtract the max so exp never overflows; argmax ties go to the lowest index.
            var maxValue = z[0], argmax = 0
            for c in 1..<classes where z[c] > maxValue { maxValue = z[c]; argmax = c }
            if argmax == label { correct += 1 }
            var sum: Float = 0
            for c in 0..<classes {
                let e = expf(z[c] - maxValue)
                g[c] = e
                sum += e
            }
            total += Double(logf(sum) - (z[label] - maxValue))
            let scale = invBatch / sum
            for c in 0..<classes { g[c] *= scale }
            g[label] -= invBatch
        }
        return (total / Double(batch), correct)
    }
}
