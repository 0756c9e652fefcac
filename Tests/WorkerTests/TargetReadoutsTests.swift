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

    static func run(budgets: [TransferSection.Budget], validation: LabeledSet, equalDimension: Int? = nil,
                    seen: SeenRows = SeenRows()) throws -> [TransferResult] {
        let readouts = TargetReadouts(target: "fine", section: TransferSection(budgets: budgets, equalDimension: equalDimension),
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

    // MARK: Equal-dimension control

    @Test func withoutEqualDimensionThereAreNoEqualDimensionReadouts() throws {
        let rows = try Self.run(budgets: [.perClass(10), .all], validation: Self.validation)
        #expect(rows.allSatisfy { $0.equalDimension == nil })
    }

    /// With K set, every budget carries both networks' readouts through K components, chosen the
    /// budget's way; the components of a k-per-class budget come from its own examples, so
    /// poisoning the validation split changes none of them; the full-width readouts are those of
    /// a run without the control, bit for bit.
    @Test func equalDimensionReadoutsFollowTheirBudgetsRules() throws {
        let budgets: [TransferSection.Budget] = [.perClass(10), .perClass(30), .all]
        let poisoned = LabeledSet(features: Self.validation.features, labels: Self.validation.labels.map { _ in 0 },
                                  featureCount: Self.validation.featureCount, classes: Self.validation.classes)
        let clean = try Self.run(budgets: budgets, validation: Self.validation, equalDimension: 2)
        let poison = try Self.run(budgets: budgets, validation: poisoned, equalDimension: 2)
        let plain = try Self.run(budgets: budgets, validation: Self.validation)
        for (row, base) in zip(clean, plain) {
            let equal = try #require(row.equalDimension)
            #expect(equal.dimension == 2 && equal.trainedComponents == 2 && equal.controlComponents == 2)
            #expect(row.trained == base.trained && row.control == base.control)
            for fit in [equal.trained, equal.control] {
                #expect(fit.selection == (row.budget == "all" ? ReadoutFit.validationSplit : ReadoutFit.crossValidation))
                #expect(fit.accuracy > 0.25, "\(row.budget): \(fit.accuracy) is not above chance")
            }
        }
        for (a, b) in zip(clean, poison).prefix(2) { #expect(a.equalDimension == b.equalDimension) }
        // Two components of 16 informative dimensions keep less than all of them, with the most labels.
        #expect(clean[2].equalDimension!.trained.accuracy < clean[2].trained.accuracy)
    }

    /// Features that vary along fewer than K directions (the control here has 4 features, as a
    /// layer with dead units has fewer live ones) are read through all they have, and the result
    /// says how many that was.
    @Test func featuresWithFewerThanKDirectionsAreReadThroughAllTheyHave() throws {
        let rows = try Self.run(budgets: [.perClass(10), .all], validation: Self.validation, equalDimension: 5)
        for row in rows {
            let equal = try #require(row.equalDimension)
            #expect(equal.dimension == 5 && equal.trainedComponents == 5 && equal.controlComponents == 4)
        }
    }
}
