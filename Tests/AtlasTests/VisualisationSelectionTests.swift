import Testing
@testable import Atlas
import Engine

/// Comparing the restarts part-way (`VisualisationSettings.selectionStep`): the best restart is
/// carried on from exactly where it stopped, and the image-step count follows.
@Suite struct VisualisationSelectionTests {
    typealias Fixture = VisualisationAscentTests

    static func settings(restarts: Int, selectionStep: Int) -> VisualisationSettings {
        var settings = Fixture.settings
        settings.steps = 48
        settings.restarts = restarts
        settings.selectionStep = selectionStep
        return settings
    }

    @Test func aSingleRestartCarriedAcrossTheSelectionIsUnchanged() throws {
        // With one restart there is nothing to choose: stopping after step 20, storing each image's
        // coefficients, moments and stream, and resuming must give the very same pixels as one run.
        let visualiser = Fixture.makeVisualiser(settings: Self.settings(restarts: 1, selectionStep: 48))
        let targets = [try Fixture.directionTarget(visualiser), Fixture.neuronTarget(visualiser),
                       Fixture.neuronTarget(visualiser), try Fixture.directionTarget(visualiser),
                       Fixture.neuronTarget(visualiser)]
        let whole = visualiser.visualise(targets, seed: 9)
        let split = Fixture.makeVisualiser(settings: Self.settings(restarts: 1, selectionStep: 20)).visualise(targets, seed: 9)
        #expect(whole == split)
    }

    @Test func theKeptRestartIsTheBestAtTheSelectionStep() throws {
        // Selecting at the last step is the classic best-of-restarts; selecting earlier can keep
        // another restart, but whichever it keeps must then have climbed on from the selection.
        let visualiser = Fixture.makeVisualiser(settings: Self.settings(restarts: 3, selectionStep: 16))
        let targets = [try Fixture.directionTarget(visualiser), Fixture.neuronTarget(visualiser)]
        let early = visualiser.visualise(targets, seed: 4)
        let atSelection = Fixture.makeVisualiser(settings: {
            var s = Self.settings(restarts: 3, selectionStep: 16); s.steps = 16; return s
        }()).visualise(targets, seed: 4)
        for t in targets.indices {
            #expect(early[t].objective > atSelection[t].objective,
                    "target \(t): \(early[t].objective) after 48 steps vs \(atSelection[t].objective) at the selection")
            #expect(abs(visualiser.objective(early[t].pixels, targets[t]) - early[t].objective)
                    <= 1e-4 * max(1, abs(early[t].objective)))
        }
    }

    @Test func aTargetsOwnSelectionStepLeavesTheOthersAlone() throws {
        // A neuron comparing its restarts early must not change what a direction target beside
        // it gets: rows are independent and each keeps its own stream and moments.
        let visualiser = Fixture.makeVisualiser(settings: Self.settings(restarts: 3, selectionStep: 32))
        let direction = try Fixture.directionTarget(visualiser)
        var early = Fixture.neuronTarget(visualiser)
        early.selectionStep = 4
        let mixed = visualiser.visualise([direction, early], seed: 12)
        let alone = visualiser.visualise([direction, Fixture.neuronTarget(visualiser)], seed: 12)
        #expect(mixed[0] == alone[0])
        #expect(abs(visualiser.objective(mixed[1].pixels, early) - mixed[1].objective) <= 1e-4 * max(1, abs(mixed[1].objective)))
    }

    @Test func keepingBestReducesOnlyTheSelectingTargetsToTheirFirstBest() {
        var seed: UInt64 = 0
        func row(_ target: Int, _ objective: Double) -> AscentRow {
            seed += 1
            var row = AscentRow(target: target, stream: RandomStream(seed: seed), parameters: 4)
            row.objective = objective
            return row
        }
        let rows = [row(0, 1), row(0, 3), row(0, 3), row(1, 5), row(1, 2), row(2, -1), row(2, -4)]
        let kept = FeatureVisualiser.keepingBest(rows) { $0 != 1 }
        #expect(kept.map(\.target) == [0, 1, 1, 2])
        #expect(kept.map(\.objective) == [3, 5, 2, -1])
        // Of two equal bests, the first is kept (rows 1 and 2 start from different coefficients).
        #expect(kept[0].coefficients == rows[1].coefficients && kept[0].coefficients != rows[2].coefficients)
    }

    @Test func progressCountsTheRestartsOnlyUpToTheSelection() {
        let visualiser = Fixture.makeVisualiser(settings: VisualisationSettings(steps: 32, restarts: 3, selectionStep: 8))
        var calls: [(Int, Int)] = []
        let target = Fixture.neuronTarget(visualiser)
        _ = visualiser.visualise([target, target], seed: 5) { calls.append(($0, $1)) }
        let total = 2 * (3 * 8 + 24)
        #expect(calls.allSatisfy { $0.1 == total })
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.0 <= $1.0 })
        #expect(calls.last?.0 == total)
        // One target comparing at step 2: 3 × 2 + 30 image-steps instead of 3 × 8 + 24.
        var quick = target
        quick.selectionStep = 2
        calls = []
        _ = visualiser.visualise([target, quick], seed: 5) { calls.append(($0, $1)) }
        let mixedTotal = (3 * 8 + 24) + (3 * 2 + 30)
        #expect(calls.allSatisfy { $0.1 == mixedTotal })
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.0 <= $1.0 })
        #expect(calls.last?.0 == mixedTotal)
    }
}
