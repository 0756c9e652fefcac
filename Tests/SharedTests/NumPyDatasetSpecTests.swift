import Testing
@testable import Shared

/// `format: npz` and `format: npy` datasets (docs/spec.md §3): the `arrays` mapping, its defaults,
/// its refusals, and what enters the cell key.
struct NumPyDatasetSpecTests {
    static func spec(_ dataset: String) -> String {
        SpecFixtures.base(replacing: "format: idx\n    path: /usr/share/datasets/fashion-mnist", with: dataset)
    }

    @Test func anNpzDatasetIsOneLineAndTakesTheDefaultNames() throws {
        let spec = try SpecFixtures.parse(Self.spec("format: npz\n    path: data/fashion.npz"))
        let fashion = try #require(spec.datasets.first { $0.name == "fashion" })
        #expect(fashion.format == .npz)
        #expect(fashion.path == "/specs/data/fashion.npz", "relative to the spec's folder")
        #expect(fashion.arrays == .defaults)
        #expect(fashion.arrays?.xTrain == "x_train" && fashion.arrays?.classNames == "class_names")
    }

    @Test func arraysRenameSomeNamesAndKeepTheOthers() throws {
        let spec = try SpecFixtures.parse(Self.spec("format: npy\n    path: /data/f\n    arrays: {x_train: images, y_train: labels}"))
        let arrays = try #require(spec.datasets.first { $0.name == "fashion" }?.arrays)
        #expect(arrays.xTrain == "images" && arrays.yTrain == "labels" && arrays.xTest == "x_test")
    }

    @Test func arraysAreRefusedWhereTheyDoNotApplyAndBadNamesAreNamed() {
        #expect(SpecFixtures.error(SpecFixtures.base(replacing: "format: idx", with: "format: idx\n    arrays: {x_train: a}"))?
            .description.contains("datasets.fashion.arrays: arrays applies only to formats npz and npy") == true)
        #expect(SpecFixtures.error(Self.spec("format: npz\n    path: /d.npz\n    arrays: {x_train: ../a}"))?
            .description.contains("datasets.fashion.arrays.x_train: expected an array name without '/'") == true)
        #expect(SpecFixtures.error(Self.spec("format: npz\n    path: /d.npz\n    arrays: {x_train: a, x_test: a}"))?
            .description.contains("a used twice") == true)
        #expect(SpecFixtures.error(Self.spec("format: npz\n    path: /d.npz\n    arrays: {images: a}"))?
            .description.contains("datasets.fashion.arrays.images: unknown key") == true)
    }

    /// The key holds format, path and every array name: renaming an array re-runs the cells that
    /// read it; writing a default name explicitly changes nothing.
    @Test func theKeyHoldsTheArrayNamesWithDefaultsFilledIn() throws {
        let cell = CellCoordinate(width: 16, seed: 0, task: "split")
        let plain = try SpecFixtures.parse(Self.spec("format: npz\n    path: /d.npz"))
        let explicit = try SpecFixtures.parse(Self.spec("format: npz\n    path: /d.npz\n    arrays: {x_train: x_train}"))
        let renamed = try SpecFixtures.parse(Self.spec("format: npz\n    path: /d.npz\n    arrays: {x_train: images}"))
        #expect(plain.cellKey(cell, engineVersion: "1") == explicit.cellKey(cell, engineVersion: "1"))
        #expect(plain.cellKey(cell, engineVersion: "1") != renamed.cellKey(cell, engineVersion: "1"))
        let material = plain.cellKeyMaterial(cell, engineVersion: "1")
        #expect(material.contains(#""dataset":{"arrays":{"class_names":"class_names","x_test":"x_test","x_train":"x_train","y_test":"y_test","y_train":"y_train"},"format":"npz","path":"/d.npz"}"#),
                "\(material)")
    }
}
