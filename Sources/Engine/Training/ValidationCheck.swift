/// One evaluation of the stopping rule: the validation accuracy after `step` optimizer steps.
public struct ValidationCheck: Codable, Sendable, Equatable {
    public var step: Int
    public var validationAccuracy: Double

    public init(step: Int, validationAccuracy: Double) {
        self.step = step
        self.validationAccuracy = validationAccuracy
    }
}
