import Testing
@testable import Engine

/// The stopping rule (docs/spec.md §6, `check_every`): validation accuracy is checked every
/// `checkEvery` steps and at every epoch's end, and training stops at the first check that
/// meets the target — mid-epoch if that is where it comes.
@Suite struct StoppingRuleTests {
    /// 810 examples in batches of 32: 26 steps per epoch, the last of 10 examples, so the
    /// automatic interval is 3 and epoch ends (26, 52, …) fall between multiples of it.
    static let train = TrainingTests.blobs(count: 810, spread: 2.5, seed: 1)
    static let validation = TrainingTests.blobs(count: 300, spread: 2.5, seed: 2)
    static let stepsPerEpoch = 26

    func run(target: Double?, epochs: Int = 4, checkEvery: Int? = nil) throws -> (TrainingOutcome, [[Float]]) {
        let network = TrainingTests().mlp(seed: 5)
        let config = TrainingTests().config(epochs: epochs, target: target, checkEvery: checkEvery)
        let outcome = try Trainer(network: network, config: config, orderSeed: 8).train(Self.train, validation: Self.validation)
        return (outcome, network.parameters.map(\.value.values))
    }

    /// Examples processed after `step` steps of full batches, the last batch of each epoch short.
    func examples(afterStep step: Int) -> Int {
        let epochs = step / Self.stepsPerEpoch, within = step % Self.stepsPerEpoch
        return epochs * Self.train.count + within * 32
    }

    @Test func theAutomaticIntervalIsATenthOfAnEpochRoundedUp() {
        let c = TrainingTests().config()
        #expect(c.checkInterval(stepsPerEpoch: 422) == 43)
        #expect(c.checkInterval(stepsPerEpoch: 26) == 3)
        #expect(c.checkInterval(stepsPerEpoch: 5) == 1)
        #expect(c.checkInterval(stepsPerEpoch: 1) == 1)
        #expect(TrainingTests().config(checkEvery: 7).checkInterval(stepsPerEpoch: 422) == 7)
    }

    @Test func checksComeEveryIntervalAndAtEachEpochEnd() throws {
        let (outcome, _) = try run(target: nil, epochs: 3)
        let expected = (1...(3 * Self.stepsPerEpoch)).filter { $0 % 3 == 0 || $0 % Self.stepsPerEpoch == 0 }
        #expect(outcome.checkEvery == 3)
        #expect(outcome.checks.map(\.step) == expected)
        #expect(outcome.history.map(\.step) == [26, 52, 78])
        #expect(outcome.history.map(\.validationAccuracy)
                == [26, 52, 78].map { step in outcome.checks.first { $0.step == step }?.validationAccuracy })
        #expect(outcome.examplesSeen == 3 * Self.train.count)
    }

    /// Record every check with a target no network reaches, then set the target to the
    /// accuracy of a mid-epoch check that beats every check before it: the rerun must stop
    /// exactly there, with that accuracy and the examples of exactly that many steps.
    @Test func aTargetMetMidEpochStopsAtThatCheck() throws {
        let (all, _) = try run(target: 2)
        #expect(!all.targetMet && all.steps == 4 * Self.stepsPerEpoch)
        var best = -1.0
        var chosen: ValidationCheck?
        for check in all.checks {
            defer { best = max(best, check.validationAccuracy) }
            if check.validationAccuracy > best, check.step % Self.stepsPerEpoch != 0 {
                chosen = check
            }
        }
        let stop = try #require(chosen)
        let (stopped, _) = try run(target: stop.validationAccuracy)
        #expect(stopped.targetMet)
        #expect(stopped.steps == stop.step)
        #expect(stopped.validationAccuracy == stop.validationAccuracy)
        #expect(stopped.checks == Array(all.checks.prefix { $0.step <= stop.step }))
        #expect(stopped.examplesSeen == examples(afterStep: stop.step))
        #expect(stopped.epochs == stop.step / Self.stepsPerEpoch + 1)
        let last = try #require(stopped.history.last)
        #expect(last.step == stop.step && last.examples == (stop.step % Self.stepsPerEpoch) * 32)
        #expect(last.validationAccuracy == stop.validationAccuracy)
    }

    /// Checks only run the network forward: checking after every step leaves the weights and
    /// the training losses bit-identical to checking only at epoch ends.
    @Test func checkingDoesNotPerturbTraining() throws {
        let (often, oftenWeights) = try run(target: nil, epochs: 2, checkEvery: 1)
        let (rarely, rarelyWeights) = try run(target: nil, epochs: 2, checkEvery: 1_000)
        #expect(often.checks.count == 2 * Self.stepsPerEpoch)
        #expect(rarely.checks.map(\.step) == [26, 52])
        #expect(oftenWeights == rarelyWeights)
        #expect(often.history.map(\.trainLoss) == rarely.history.map(\.trainLoss))
        #expect(often.history.map(\.validationAccuracy) == rarely.history.map(\.validationAccuracy))
    }

    @Test func sameSeedsStopAtTheSameStepWithTheSameWeights() throws {
        let (first, firstWeights) = try run(target: 0.8)
        let (second, secondWeights) = try run(target: 0.8)
        #expect(first.steps == second.steps && first.checks == second.checks)
        #expect(first.history.map(\.trainLoss) == second.history.map(\.trainLoss))
        #expect(firstWeights == secondWeights)
    }
}
