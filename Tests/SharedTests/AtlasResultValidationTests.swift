import Testing
@testable import Shared

/// The result rules for an atlas: the report draws and labels its tiles without further checks,
/// so a result whose atlas could mislead it is refused with the field named.
struct AtlasResultValidationTests {
    static func atlas() -> AtlasResult {
        let tile = AtlasTile(row: 1, column: 2, points: 12, unit: nil, label: 1, predicted: 1, objective: 3.5)
        let unit = AtlasTile(row: 0, column: 0, points: nil, unit: 7, label: 0, predicted: 1, objective: 0.8)
        return AtlasResult(
            examples: 400, layout: "umap", trustworthiness: 0.93, trustworthinessNeighbours: 10, grid: 4, minPoints: 5,
            tileSize: 32, directions: AtlasSheet(image: "atlas-directions.png", columns: 4, rows: 4, tiles: [tile], consistency: 1),
            neurons: AtlasSheet(image: "atlas-neurons.png", columns: 1, rows: 1, tiles: [unit], consistency: 0),
            seconds: 2)
    }

    private func problem(_ edit: (inout AtlasResult) -> Void) -> String? {
        var result = ProtocolCodecTests.cellResult()
        var atlas = Self.atlas()
        edit(&atlas)
        result.atlas = atlas
        do { try result.validate(); return nil } catch { return "\(error)" }
    }

    @Test func aConsistentAtlasPasses() {
        #expect(problem { _ in } == nil)
    }

    @Test func aTileOutsideItsSheetIsRefused() {
        #expect(problem { $0.directions.tiles[0].row = 4 }
            == "invalid result: atlas.directions.tiles[0] lies at (4, 2), outside the 4 × 4 grid")
    }

    @Test func aLabelTheSourceTaskDoesNotHaveIsRefused() {
        #expect(problem { $0.neurons.tiles[0].predicted = 2 }
            == "invalid result: atlas.neurons.tiles[0] names class 0 or 2; the source task has 2")
    }

    @Test func anImageNameThatIsNotAnArtifactNameIsRefused() {
        #expect(problem { $0.directions.image = "../index.html" }
            == #"invalid result: atlas.directions.image "../index.html" is not a valid artifact name"#)
        #expect(problem { $0.neurons.image = "atlas-directions.png" }
            == #"invalid result: atlas names the image "atlas-directions.png" twice"#)
    }

    /// A sheet's mean-input companion is optional, but when named it must be a valid, distinct artifact name.
    @Test func meanImagesAreOptionalButMustBeDistinctArtifactNames() {
        #expect(problem { $0.directions.meanImage = "atlas-directions-means.png"; $0.neurons.meanImage = "atlas-neurons-means.png" } == nil)
        #expect(problem { $0.neurons.meanImage = "atlas-neurons.png" }
            == #"invalid result: atlas names the image "atlas-neurons.png" twice"#)
        #expect(problem { $0.directions.meanImage = "a/b.png" }
            == #"invalid result: atlas.directions.meanImage "a/b.png" is not a valid artifact name"#)
        var atlas = Self.atlas()
        atlas.neurons.meanImage = "n.png"
        #expect(atlas.imageNames == ["atlas-directions.png", "atlas-neurons.png", "n.png"])
    }

    @Test func numbersOutsideTheirRangeAreRefused() {
        #expect(problem { $0.directions.consistency = 1.5 }?.contains("atlas.directions.consistency") == true)
        #expect(problem { $0.trustworthiness = .nan }?.contains("atlas.trustworthiness") == true)
        #expect(problem { $0.grid = 0 }?.contains("atlas.grid is 0, must be positive") == true)
    }
}
