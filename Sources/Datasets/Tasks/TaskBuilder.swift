import Engine
import Glibc

/// Cuts a task out of a dataset: selects and relabels classes, standardizes pixels, and splits
/// the training rows into train and validation, deterministically from a seed.
///
/// Rules, in order:
/// 1. Rows whose class belongs to the task are kept and relabelled (`TaskLabels`).
/// 2. Every feature becomes `(pixel − mean) / std`, with ONE scalar mean and standard deviation
///    computed over all of the dataset's *training* pixels — not per task, not per pixel. All
///    tasks of a dataset then see inputs on the same scale, so features learned on a source task
///    transfer to a target task without re-normalising, and the test set never leaks into it.
/// 3. The task's training rows are shuffled once with `RandomStream(seed: splitSeed)`. With a
///    `trainLimit`, only the first `trainLimit` shuffled rows are kept (a uniform subsample,
///    taken *before* the validation split, so the limit bounds train + validation).
/// 4. The first `round(validationFraction × n)` kept rows (at least one when the fraction is
///    positive) become validation, the rest train. Both keep the dataset's row order.
/// 5. Test is every dataset test row of the task's classes.
public enum TaskBuilder {
    public static func build(_ dataset: Dataset, labels: TaskLabels, validationFraction: Double,
                             trainLimit: Int?, splitSeed: UInt64) throws -> TaskData {
        let (mapping, classNames) = try labelMapping(dataset, labels)
        guard validationFraction.isFinite, validationFraction >= 0, validationFraction < 1 else {
            throw DatasetError.invalidTaskOption(dataset: dataset.name, option: "validationFraction",
                                                 detail: "is \(validationFraction), must lie in [0, 1)")
        }
        if let trainLimit, trainLimit < 1 {
            throw DatasetError.invalidTaskOption(dataset: dataset.name, option: "trainLimit",
                                                 detail: "is \(trainLimit), must be at least 1 (or absent)")
        }

        var candidates = rows(of: dataset.train, in: mapping)
        guard !candidates.isEmpty else {
            throw DatasetError.emptySplit(dataset: dataset.name, split: "train",
                                          detail: "the dataset has no training images of the task's classes")
        }
        var random = RandomStream(seed: splitSeed)
        candidates.withUnsafeMutableBufferPointer { random.shuffle($0) }
        let pool = candidates.prefix(min(trainLimit ?? candidates.count, candidates.count))
        let validationCount = validationFraction > 0
            ? max(1, Int((validationFraction * Double(pool.count)).rounded())) : 0
        guard validationCount < pool.count else {
            throw DatasetError.emptySplit(
                dataset: dataset.name, split: "train",
                detail: "validation takes all \(pool.count) training images; lower validationFraction or raise trainLimit")
        }
        let testRows = rows(of: dataset.test, in: mapping)
        guard !testRows.isEmpty else {
            throw DatasetError.emptySplit(dataset: dataset.name, split: "test",
                                          detail: "the dataset has no test images of the task's classes")
        }

        let mean = dataset.trainPixelMoments.mean, std = dataset.trainPixelMoments.standardDeviation
        func split(_ set: ImageSet, _ rows: [Int]) -> TaskSplit {
            makeSplit(set, rows: rows, mapping: mapping, classCount: classNames.count, mean: mean, std: std)
        }
        let validationRows = pool.prefix(validationCount).sorted()
        let trainRows = pool.dropFirst(validationCount).sorted()
        return TaskData(classNames: classNames, shape: dataset.shape,
                        train: split(dataset.train, trainRows),
                        validation: split(dataset.train, validationRows),
                        test: split(dataset.test, testRows),
                        pixelMean: mean, pixelStandardDeviation: std)
    }

    /// Task label of each dataset class (−1: not in the task) and the task's label names.
    static func labelMapping(_ dataset: Dataset, _ labels: TaskLabels) throws -> (mapping: [Int32], names: [String]) {
        var mapping = [Int32](repeating: -1, count: dataset.classCount)
        func assign(_ classID: Int, to label: Int) throws {
            guard classID >= 0 && classID < dataset.classCount else {
                throw DatasetError.classOutOfRange(dataset: dataset.name, classID: classID,
                                                   classCount: dataset.classCount)
            }
            guard mapping[classID] < 0 else { throw DatasetError.duplicateClass(dataset: dataset.name, classID: classID) }
            mapping[classID] = Int32(label)
        }
        switch labels {
        case .classes(let classes):
            guard !classes.isEmpty else { throw DatasetError.emptyTask(dataset: dataset.name) }
            for (label, classID) in classes.enumerated() { try assign(classID, to: label) }
            return (mapping, classes.map { dataset.classNames[$0] })
        case .groups(let groups):
            guard !groups.isEmpty else { throw DatasetError.emptyTask(dataset: dataset.name) }
            for (label, group) in groups.enumerated() {
                guard !group.classes.isEmpty else {
                    throw DatasetError.emptyGroup(dataset: dataset.name, group: group.name)
                }
                for classID in group.classes { try assign(classID, to: label) }
            }
            return (mapping, groups.map(\.name))
        }
    }

    /// Indices of the rows of `set` whose class is in the task, in dataset order.
    private static func rows(of set: ImageSet, in mapping: [Int32]) -> [Int] {
        set.labels.indices.filter { mapping[Int(set.labels[$0])] >= 0 }
    }

    private static func makeSplit(_ set: ImageSet, rows: [Int], mapping: [Int32], classCount: Int,
                                  mean: Float, std: Float) -> TaskSplit {
        let width = set.shape.count
        let scale = 1 / std
        let features = [Float](unsafeUninitializedCapacity: rows.count * width) { buffer, initialized in
            set.images.withUnsafeBufferPointer { source in
                guard let destination = buffer.baseAddress, let origin = source.baseAddress else { return }
                adviseHugePages(UnsafeMutableRawPointer(destination), bytes: rows.count * width * MemoryLayout<Float>.size)
                for (row, index) in rows.enumerated() {
                    let from = origin + index * width, to = destination + row * width
                    for j in 0..<width { to[j] = (from[j] - mean) * scale }
                }
            }
            initialized = rows.count * width
        }
        let originalLabels = rows.map { set.labels[$0] }
        let labels = originalLabels.map { mapping[Int($0)] }
        return TaskSplit(set: LabeledSet(features: features, labels: labels, featureCount: width, classes: classCount),
                         originalLabels: originalLabels)
    }
}

/// Asks for transparent huge pages on the 2 MB-aligned interior of a fresh buffer about to be
/// written in full. A split of 54,000 Fashion-MNIST rows is 169 MB: 41,000 first-touch faults of
/// 4 KB pages, which were half of building a task (building all three splits went from about
/// 85 ms to about 45 ms; prefaulting with MADV_POPULATE_WRITE instead did not help). Only advice:
/// where THP is off nothing changes; where the kernel must compact memory first, the first
/// build after a memory-hungry process can stall (0.4 s seen once).
func adviseHugePages(_ start: UnsafeMutableRawPointer, bytes: Int) {
    let huge = 2 << 20
    let first = (Int(bitPattern: start) + huge - 1) & ~(huge - 1)
    let end = (Int(bitPattern: start) + bytes) & ~(huge - 1)
    guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
    _ = madvise(aligned, end - first, MADV_HUGEPAGE)
}
