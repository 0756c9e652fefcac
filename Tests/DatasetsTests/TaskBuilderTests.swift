import Testing
@testable import Datasets
import Engine

@Suite struct TaskBuilderTests {
    /// 1×1×2 images whose first pixel is the row number / 1000 (test rows start at 500), so a
    /// task row can be traced back to its dataset row; label `row % 4`.
    private func indexedDataset(train: Int = 40, test: Int = 12) -> Dataset {
        let shape = ImageShape(height: 1, width: 1, channels: 2)
        func set(_ count: Int, offset: Int) -> ImageSet {
            ImageSet(images: (0..<count).flatMap { [Float($0 + offset) / 1000, 0.5] },
                     labels: (0..<count).map { Int32($0 % 4) }, shape: shape)
        }
        return Dataset(name: "indexed", shape: shape, classNames: ["a", "b", "c", "d"],
                       train: set(train, offset: 0), test: set(test, offset: 500))
    }

    /// The dataset row each task row came from (test rows come back as 500 + row).
    private func sourceRows(_ split: TaskSplit, _ task: TaskData) -> [Int] {
        (0..<split.count).map { row in
            let standardized = split.set.features[row * split.set.featureCount]
            return Int(((standardized * task.pixelStandardDeviation + task.pixelMean) * 1000).rounded())
        }
    }

    private func build(_ labels: TaskLabels, fraction: Double = 0.25, limit: Int? = nil, seed: UInt64 = 1,
                       dataset: Dataset? = nil) throws -> TaskData {
        try TaskBuilder.build(dataset ?? indexedDataset(), labels: labels, validationFraction: fraction,
                              trainLimit: limit, splitSeed: seed)
    }

    @Test func aClassSubsetIsRelabelledInTheListedOrder() throws {
        let task = try build(.classes([3, 1]))
        #expect(task.classNames == ["d", "b"])
        for split in [task.train, task.validation, task.test] {
            #expect(split.set.classes == 2)
            #expect(split.originalLabels.allSatisfy { $0 == 3 || $0 == 1 })
            #expect(split.set.labels == split.originalLabels.map { $0 == 3 ? 0 : 1 })
        }
        #expect(task.train.count + task.validation.count == 20)
        #expect(sourceRows(task.test, task) == [501, 503, 505, 507, 509, 511])
    }

    @Test func groupsMapEachMemberClassToTheGroupLabel() throws {
        let task = try build(.groups([ClassGroup(name: "odd", classes: [1, 3]), ClassGroup(name: "zero", classes: [0])]))
        #expect(task.classNames == ["odd", "zero"])
        let all = [task.train, task.validation, task.test]
        for split in all {
            #expect(split.set.labels == split.originalLabels.map { $0 == 0 ? 1 : 0 })
        }
        #expect(all.reduce(0) { $0 + $1.originalLabels.filter { $0 == 2 }.count } == 0)
        #expect(task.train.count + task.validation.count == 30)
    }

    @Test func theValidationSplitIsRoundedFractionDisjointFromTrainAndCoversTheTaskRows() throws {
        let task = try build(.all(4), fraction: 0.3)
        let train = sourceRows(task.train, task), validation = sourceRows(task.validation, task)
        #expect(validation.count == 12)
        #expect(Set(train).isDisjoint(with: validation))
        #expect(Set(train).union(validation) == Set(0..<40))
        #expect(train == train.sorted() && validation == validation.sorted())
    }

    @Test func theSameSeedGivesTheSameSplitAndAnotherSeedAnother() throws {
        let a = try build(.all(4), seed: 99), b = try build(.all(4), seed: 99), c = try build(.all(4), seed: 100)
        #expect(sourceRows(a.validation, a) == sourceRows(b.validation, b))
        #expect(a.train.set.features == b.train.set.features)
        #expect(sourceRows(a.validation, a) != sourceRows(c.validation, c))
    }

    @Test func theSplitIsTheDocumentedShuffleOfTheTaskRows() throws {
        let task = try build(.classes([2]), fraction: 0.2, seed: 5)
        var rows = Array(stride(from: 2, to: 40, by: 4))
        var random = RandomStream(seed: 5)
        rows.withUnsafeMutableBufferPointer { random.shuffle($0) }
        #expect(sourceRows(task.validation, task) == rows.prefix(2).sorted())
    }

    @Test func aTrainLimitSubsamplesBeforeTheValidationSplit() throws {
        let task = try build(.all(4), fraction: 0.25, limit: 16, seed: 3)
        #expect(task.validation.count == 4 && task.train.count == 12)
        let again = try build(.all(4), fraction: 0.25, limit: 16, seed: 3)
        #expect(sourceRows(task.train, task) == sourceRows(again.train, again))
        #expect(task.test.count == 12)  // The test split is never limited.
        let generous = try build(.all(4), fraction: 0.25, limit: 1000)
        #expect(generous.train.count + generous.validation.count == 40)
    }

    @Test func aPositiveFractionAlwaysLeavesAtLeastOneValidationExampleAndZeroLeavesNone() throws {
        let tiny = try build(.all(4), fraction: 0.01)
        #expect(tiny.validation.count == 1)
        let none = try build(.all(4), fraction: 0)
        #expect(none.validation.count == 0 && none.train.count == 40)
    }

    @Test func featuresAreStandardizedWithTheWholeTrainSetsScalarMeanAndStd() throws {
        let full = try build(.all(4))
        let subset = try build(.classes([2]))
        #expect(subset.pixelMean == full.pixelMean && subset.pixelStandardDeviation == full.pixelStandardDeviation)
        // Independently: pixels are row/1000 (rows 0…39) and 0.5.
        let pixels = (0..<40).flatMap { [Double($0) / 1000, 0.5] }
        let mean = pixels.reduce(0, +) / 80
        let std = (pixels.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 80).squareRoot()
        #expect(abs(Double(full.pixelMean) - mean) < 1e-6 && abs(Double(full.pixelStandardDeviation) - std) < 1e-6)
        let second = full.test.set.features[1]  // Test pixel 0.5, scaled with the *train* statistics.
        #expect(abs(Double(second) - (0.5 - mean) / std) < 1e-5)
    }

    @Test func invalidTasksAreSpecificErrors() throws {
        #expect(datasetError { try build(.classes([0, 4])) } == .classOutOfRange(dataset: "indexed", classID: 4, classCount: 4))
        #expect(datasetError { try build(.classes([-1])) } == .classOutOfRange(dataset: "indexed", classID: -1, classCount: 4))
        #expect(datasetError { try build(.classes([1, 2, 1])) } == .duplicateClass(dataset: "indexed", classID: 1))
        #expect(datasetError {
            try build(.groups([ClassGroup(name: "x", classes: [0, 1]), ClassGroup(name: "y", classes: [1])]))
        } == .duplicateClass(dataset: "indexed", classID: 1))
        #expect(datasetError { try build(.groups([ClassGroup(name: "x", classes: [0]), ClassGroup(name: "y", classes: [])])) }
            == .emptyGroup(dataset: "indexed", group: "y"))
        #expect(datasetError { try build(.classes([])) } == .emptyTask(dataset: "indexed"))
        #expect(datasetError { try build(.groups([])) } == .emptyTask(dataset: "indexed"))
    }

    @Test func invalidOptionsAndEmptySplitsAreErrors() throws {
        for fraction in [1.0, -0.1, .nan] {
            guard case .invalidTaskOption(_, "validationFraction", _) = datasetError({ try build(.all(4), fraction: fraction) }) else {
                Issue.record("expected invalidTaskOption for fraction \(fraction)")
                continue
            }
        }
        guard case .invalidTaskOption(_, "trainLimit", _) = datasetError({ try build(.all(4), limit: 0) }) else {
            Issue.record("expected invalidTaskOption for trainLimit 0")
            return
        }
        guard case .emptySplit(_, "train", _) = datasetError({ try build(.all(4), fraction: 0.5, limit: 1) }) else {
            Issue.record("expected an empty train split")
            return
        }
        guard case .emptySplit(_, "test", _) = datasetError({ try build(.classes([3]), dataset: indexedDataset(test: 3)) }) else {
            Issue.record("expected an empty test split")
            return
        }
    }
}
