import Engine
import Testing
@testable import Shared
@testable import Worker

/// A budget of k labelled examples per class is fitted and tuned on those examples alone
/// (docs/metrics.md, transfer): the target's validation split serves only the `all` budget.
@Suite struct TargetReadoutsTests {
    /// Gaussian classes in `dims` dimensions, centres shared by every split, unit noise.
    static func classes(_ count: Int, dims: Int = 16, classes: Int = 4, seed: UInt64) -> LabeledSet {
        var centres = RandomStream(seed: 99)
        let means = (0..<classes * dims).map { _ in 0.6 * centres.nextNormal() }
        var rng = RandomStream(seed: seed)
        var features: [Float] = [], labels: [Int32] = []
        for i in 0..<count {
            let c = i % classes
            labels.append(Int32(c))
            for j in 0..<dims { features.append(means[c * dims + j] + rng.nextNormal()) }
        }
        return LabeledSet(features: features, labels: labels, featureCount: dims, classes: classes)
    }

    /// The "control": the first quarter of the features, a poorer representation of the same rows.
    static func firstQuarter(_ set: LabeledSet) -> LabeledSet {
        let d = set.featureCount, kept = d / 4
        let features = (0..<set.count).flatMap { r in set.features[r * d ..< r * d + kept] }
        return LabeledSet(features: features, labels: set.labels, featureCount: kept, classes: set.classes)
    }

    static let train = classes(400, seed: 1), validation = classes(203, seed: 2), test = classes(300, seed: 3)

    static func run(budgets: [TransferSection.Budget], validation: LabeledSet,
                    seen: SeenRows = SeenRows()) throws -> [TransferResult] {
        let readouts = TargetReadouts(target: "fine", section: TransferSection(budgets: budgets),
                                      seeds: CellSeeds(sweepSeed: 7, seed: 0, width: 16, task: "coarse_to_fine"))
        return try readouts.evaluate(
            train: train, validation: validation, test: test,
            trained: { seen.counts.append($0.count); return $0 },
            control: { seen.counts.append($0.count); return firstQuarter($0) },
            progress: { _ in })
    }

    /// Row counts of every split a feature map was asked for.
    final class SeenRows { var counts: [Int] = [] }

    /// Run once with the real validation split and once with one whose labels are all class 0:
    /// every k-per-class result is bit-identical, while the `all` budget, which does choose its
    /// strength on the validation split, sees the poison.
    @Test func aBudgetOfKPerClassNeverReadsTheValidationSplit() throws {
        let budgets: [TransferSection.Budget] = [.perClass(3), .perClass(10), .all]
        let poisoned = LabeledSet(features: Self.validation.features, labels: Self.validation.labels.map { _ in 0 },
                                  featureCount: Self.validation.featureCount, classes: Self.validation.classes)
        let clean = try Self.run(budgets: budgets, validation: Self.validation)
        let poison = try Self.run(budgets: budgets, validation: poisoned)
        #expect(clean.map(\.budget) == ["3", "10", "all"])
        for (a, b) in zip(clean, poison).prefix(2) {
            #expect(a.examples == b.examples)
            for (x, y) in [(a.trained, b.trained), (a.control, b.control)] {
                #expect(x.accuracy.bitPattern == y.accuracy.bitPattern)
                #expect(x.l2.bitPattern == y.l2.bitPattern)
                #expect(x.selectionAccuracy.bitPattern == y.selectionAccuracy.bitPattern)
                #expect(x == y)
            }
        }
        #expect(clean[2].trained.selectionAccuracy != poison[2].trained.selectionAccuracy)
    }

    @Test func withoutAnAllBudgetTheValidationSplitsFeaturesAreNeverComputed() throws {
        let seen = SeenRows()
        _ = try Self.run(budgets: [.perClass(3), .perClass(10)], validation: Self.validation, seen: seen)
        #expect(!seen.counts.isEmpty)
        #expect(!seen.counts.contains(Self.validation.count), "\(seen.counts)")
        let withAll = SeenRows()
        _ = try Self.run(budgets: [.perClass(3), .all], validation: Self.validation, seen: withAll)
        #expect(withAll.counts.filter { $0 == Self.validation.count }.count == 2)   // trained and control
    }

    @Test func eachBudgetSaysHowItsStrengthWasChosen() throws {
        let rows = try Self.run(budgets: [.perClass(3), .perClass(10), .all], validation: Self.validation)
        #expect(rows.map(\.examples) == [12, 40, 400])
        for row in rows {
            for fit in [row.trained, row.control] {
                switch row.budget {
                case "3": #expect(fit.selection == ReadoutFit.crossValidation && fit.folds == 3)
                case "10": #expect(fit.selection == ReadoutFit.crossValidation && fit.folds == 5)
                default: #expect(fit.selection == ReadoutFit.validationSplit && fit.folds == nil)
                }
                #expect((0...1).contains(fit.accuracy) && (0...1).contains(fit.selectionAccuracy))
            }
        }
    }
}
