import Testing
@testable import Atlas
import Engine

/// The atlas's own steps between layout and pictures: gridding, labels, the neuron sample and
/// the density shading, each against answers worked out by hand.
@Suite struct AtlasAssemblyTests {
    @Test func gridCellsAverageTheirPointsAndTopRowIsTheLargestY() {
        // 2 × 2 grid. Three points in the top-left cell (x < .5, y ≥ .5), one in the bottom right.
        let positions = Matrix(rows: 4, cols: 2, values: [0.1, 0.9, 0.2, 0.6, 0.4, 0.99, 0.8, 0.1])
        let activations = Matrix(rows: 4, cols: 2, values: [1, 0, 2, 3, 3, 6, 5, 5])
        let grid = LayoutGrid(positions: positions, activations: activations, grid: 2, minPoints: 1)
        #expect(grid.cells == [
            LayoutGrid.Cell(row: 0, column: 0, points: 3, mean: [2, 3]),
            LayoutGrid.Cell(row: 1, column: 1, points: 1, mean: [5, 5]),
        ])
        #expect(grid.sparsePoints == 0)
    }

    @Test func gridCellsAverageTheInputsOfTheirPointsToo() {
        // The layout of the test above, with 3-value inputs.
        let positions = Matrix(rows: 4, cols: 2, values: [0.1, 0.9, 0.2, 0.6, 0.4, 0.99, 0.8, 0.1])
        let activations = Matrix(rows: 4, cols: 2, values: [1, 0, 2, 3, 3, 6, 5, 5])
        let inputs = Matrix(rows: 4, cols: 3, values: [0, 0, 3, 3, 0, 3, 6, 3, 3, -1, 2, 7])
        let grid = LayoutGrid(positions: positions, activations: activations, inputs: inputs, grid: 2, minPoints: 1)
        #expect(grid.cells.map(\.meanInput) == [[3, 1, 3], [-1, 2, 7]])
        #expect(grid.cells.map(\.mean) == [[2, 3], [5, 5]])
    }

    @Test func aUnitsMeanInputAveragesTheInputsThatExciteItMost() {
        // Unit 1's activation on row r is r mod 60 (rows 0…69): values 59 down to 10 occur once
        // each, on rows 59…10, and are its 50 largest; rows 60…69 repeat the values 0…9.
        let rows = 70, top = NeuronSample.topInputs
        #expect(top == 50)
        let activations = Matrix(rows: rows, cols: 2, values: (0..<rows).flatMap { [Float(1), Float($0 % 60)] })
        let inputs = Matrix(rows: rows, cols: 1, values: (0..<rows).map { Float($0) })
        let mean = NeuronSample.meanTopInput(unit: 1, activations: activations, inputs: inputs)
        #expect(mean == [Float((10...59).reduce(0, +)) / 50])
    }

    @Test func sparseCellsGetNoTileAndOutliersFallIntoTheBorderCells() {
        let positions = Matrix(rows: 4, cols: 2, values: [-0.3, 1.7, 0.0, 1.0, 0.1, 0.8, 0.9, 0.1])
        let activations = Matrix(rows: 4, cols: 1, values: [1, 2, 3, 4])
        let grid = LayoutGrid(positions: positions, activations: activations, grid: 2, minPoints: 2)
        #expect(grid.cells == [LayoutGrid.Cell(row: 0, column: 0, points: 3, mean: [2])])
        #expect(grid.sparsePoints == 1)
    }

    @Test func aDirectionIsLabelledByItsAttributionAndAUnitByItsLargestWeight() {
        // 3 units × 2 classes: unit 0 votes class 0, units 1 and 2 class 1.
        let attribution = Attribution(weights: [2, -1, 0, 1, -1, 3], featureWidth: 3, classes: 2)
        #expect(attribution.scores([1, 1, 0]) == [2, 0])
        #expect(attribution.label([1, 1, 0]) == 0)
        #expect(attribution.label([1, 0, 1]) == 1)     // 2 − 1 = 1 against −1 + 3 = 2
        #expect((0..<3).map { attribution.label(unit: $0) } == [0, 1, 1])
    }

    @Test func theNeuronSampleSkipsDeadUnitsAndDependsOnlyOnItsSeed() {
        var rng = RandomStream(seed: 3)
        let activations = Matrix(rows: 50, cols: 40)
        for r in 0..<50 {
            for c in 0..<40 where c % 4 != 0 { activations[r, c] = max(0, rng.nextNormal()) }
        }
        let sample = NeuronSample.draw(12, activations: activations, seed: 9)
        #expect(sample.count == 12 && sample == sample.sorted() && Set(sample).count == 12)
        #expect(sample.allSatisfy { $0 % 4 != 0 }, "dead units drawn: \(sample)")
        #expect(NeuronSample.draw(12, activations: activations, seed: 9) == sample)
        #expect(NeuronSample.draw(12, activations: activations, seed: 10) != sample)
        #expect(NeuronSample.draw(100, activations: activations, seed: 9).count == 30)
    }

    @Test func densityShadingRunsFromFaintToFull() {
        #expect(AtlasPainter.opacity(points: 400, densest: 400) == 1)
        #expect(abs(AtlasPainter.opacity(points: 1, densest: 400) - 0.35) < 1e-6)
        #expect(abs(AtlasPainter.opacity(points: 20, densest: 400) - Float(0.35 + 0.65 * 0.5)) < 1e-6)
        #expect(AtlasPainter.opacity(points: nil, densest: 400) == 1)
    }
}
