/// A result that cannot be trusted: the cell failed even though it produced numbers.
public struct InvalidResult: Error, CustomStringConvertible, Sendable {
    /// Dotted path of the offending field, e.g. "source.history[3].trainLoss".
    public var field: String
    public var problem: String
    public var description: String { "invalid result: \(field) \(problem)" }
}

extension CellResult {
    /// Checks that every number is finite and every accuracy lies in [0, 1]. A NaN anywhere is an
    /// error in the cell, never a value to aggregate.
    public func validate() throws {
        guard schemaVersion == Self.currentSchemaVersion else {
            throw InvalidResult(field: "schemaVersion", problem: "is \(schemaVersion), this build reads \(Self.currentSchemaVersion)")
        }
        try Self.accuracy(source.testAccuracy, "source.testAccuracy")
        try Self.accuracy(source.validationAccuracy, "source.validationAccuracy")
        if let target = source.targetAccuracy { try Self.accuracy(target, "source.targetAccuracy") }
        for (i, e) in source.history.enumerated() {
            try Self.finite(e.trainLoss, "source.history[\(i)].trainLoss")
            try Self.accuracy(e.trainAccuracy, "source.history[\(i)].trainAccuracy")
            try Self.accuracy(e.validationAccuracy, "source.history[\(i)].validationAccuracy")
            try Self.finite(e.learningRate, "source.history[\(i)].learningRate")
        }
        try validateStop()
        for (i, row) in transfer.enumerated() {
            var fits = [(row.trained, "trained"), (row.control, "control")]
            if let equal = row.equalDimension {
                guard equal.dimension >= 1 else {
                    throw InvalidResult(field: "transfer[\(i)].equalDimension.dimension", problem: "is \(equal.dimension), must be positive")
                }
                for (used, name) in [(equal.trainedComponents, "trainedComponents"), (equal.controlComponents, "controlComponents")]
                where !(1...equal.dimension).contains(used) {
                    throw InvalidResult(field: "transfer[\(i)].equalDimension.\(name)",
                                        problem: "is \(used), must lie in 1…\(equal.dimension)")
                }
                fits += [(equal.trained, "equalDimension.trained"), (equal.control, "equalDimension.control")]
            }
            for (fit, name) in fits {
                let field = "transfer[\(i)].\(name)"
                try Self.accuracy(fit.accuracy, field + ".accuracy")
                try Self.accuracy(fit.selectionAccuracy, field + ".selectionAccuracy")
                try Self.finite(fit.l2, field + ".l2")
                // The two ways of choosing l2 come with and without folds; anything else is a worker bug.
                switch (fit.selection, fit.folds) {
                case (ReadoutFit.crossValidation, let folds?) where folds >= 2: break
                case (ReadoutFit.validationSplit, nil): break
                default:
                    throw InvalidResult(field: field + ".selection", problem: "is \"\(fit.selection)\" with folds "
                                        + "\(fit.folds.map(String.init) ?? "absent"); expected \"\(ReadoutFit.crossValidation)\" "
                                        + "with 2 or more folds, or \"\(ReadoutFit.validationSplit)\" without")
                }
            }
        }
        for (m, name) in [(information.trained, "trained"), (information.control, "control")] {
            let field = "information.\(name)"
            try Self.finite(m.reconstructionR2, field + ".reconstructionR2")
            try Self.finite(m.reconstructionL2, field + ".reconstructionL2")
            if let fine = m.fineProbeAccuracy { try Self.accuracy(fine, field + ".fineProbeAccuracy") }
            try Self.finite(m.participationRatio, field + ".participationRatio")
            try Self.finite(m.collapseRatio, field + ".collapseRatio")
            try Self.finite(m.neuronSelectivity, field + ".neuronSelectivity")
            try Self.finite(m.directionSelectivity, field + ".directionSelectivity")
        }
        try Self.finite(timings.loadSeconds, "timings.loadSeconds")
        try Self.finite(timings.trainSeconds, "timings.trainSeconds")
        try Self.finite(timings.evaluateSeconds, "timings.evaluateSeconds")
        try Self.finite(timings.transferSeconds, "timings.transferSeconds")
        try Self.finite(timings.informationSeconds, "timings.informationSeconds")
        if let atlas { try validate(atlas) }
    }

    /// The stop is where the checks say: counts are possible, checks run forward in time, and
    /// the last check is the stop itself (training ends on a check, met or not).
    func validateStop() throws {
        for (value, field) in [(source.steps, "steps"), (source.examplesSeen, "examplesSeen")] where value < 0 {
            throw InvalidResult(field: "source." + field, problem: "is \(value), a negative count")
        }
        guard source.checkEvery >= 1 else {
            throw InvalidResult(field: "source.checkEvery", problem: "is \(source.checkEvery), not a positive interval")
        }
        try Self.finite(source.epochsSeen, "source.epochsSeen")
        guard source.epochsSeen >= 0 else {
            throw InvalidResult(field: "source.epochsSeen", problem: "is \(source.epochsSeen), negative")
        }
        var previous = 0
        for (i, check) in source.checks.enumerated() {
            try Self.accuracy(check.validationAccuracy, "source.checks[\(i)].validationAccuracy")
            guard check.step > previous, check.step <= source.steps else {
                throw InvalidResult(field: "source.checks[\(i)].step",
                                    problem: "is \(check.step), not after the previous check (\(previous)) and by the stop (\(source.steps))")
            }
            previous = check.step
        }
        guard let last = source.checks.last else {
            throw InvalidResult(field: "source.checks", problem: "is empty; training always ends on a check")
        }
        guard last.step == source.steps, last.validationAccuracy == source.validationAccuracy else {
            throw InvalidResult(field: "source.checks",
                                problem: "ends at step \(last.step) with \(last.validationAccuracy), not at the stop (step \(source.steps), \(source.validationAccuracy))")
        }
    }

    static func finite(_ value: Double, _ field: String) throws {
        guard value.isFinite else { throw InvalidResult(field: field, problem: "is \(value), not a finite number") }
    }

    static func accuracy(_ value: Double, _ field: String) throws {
        try finite(value, field)
        guard (0...1).contains(value) else { throw InvalidResult(field: field, problem: "is \(value), outside [0, 1]") }
    }
}
