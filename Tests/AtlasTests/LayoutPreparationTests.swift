import Testing
@testable import Atlas
import Engine

/// CosinePreparation: unit rows, silent rows, and a principal projection that keeps distances.
@Suite struct LayoutPreparationTests {
    func distance(_ m: Matrix, _ i: Int, _ j: Int) -> Double {
        var sum = 0.0
        for c in 0..<m.cols { let t = Double(m[i, c]) - Double(m[j, c]); sum += t * t }
        return sum.squareRoot()
    }

    /// Rows mixing 4 non-negative sources in 30-D (rank 4), with one all-zero row (index 0).
    func lowRankActivations() -> Matrix {
        var rng = RandomStream(seed: 21)
        let sources = (0..<4).map { _ in (0..<30).map { _ in abs(rng.nextNormal()) } }
        let m = Matrix(rows: 60, cols: 30)
        for r in 1..<60 {
            let w = (0..<4).map { _ in abs(rng.nextNormal()) }
            for j in 0..<30 { m[r, j] = (0..<4).reduce(0) { $0 + w[$1] * sources[$1][j] } }
        }
        return m
    }

    @Test func rowsBecomeUnitAndSilentRowsStayAtTheOrigin() throws {
        let m = lowRankActivations()
        let unit = try CosinePreparation.prepare(m, dimensions: 0)
        #expect((0..<30).allSatisfy { unit[0, $0] == 0 })
        for r in 1..<60 {
            let norm = (0..<30).reduce(0.0) { $0 + Double(unit[r, $1]) * Double(unit[r, $1]) }.squareRoot()
            #expect(abs(norm - 1) < 1e-6)
            // At distance 1 from the silent row: cosine distance 1, as sklearn has it.
            #expect(abs(distance(unit, 0, r) - 1) < 1e-6)
        }
        // Euclidean distance between unit rows is √(2(1 − cos θ)).
        var dot = 0.0, n1 = 0.0, n2 = 0.0
        for j in 0..<30 { dot += Double(m[1, j] * m[2, j]); n1 += Double(m[1, j] * m[1, j]); n2 += Double(m[2, j] * m[2, j]) }
        #expect(abs(distance(unit, 1, 2) - (2 * (1 - dot / (n1 * n2).squareRoot())).squareRoot()) < 1e-5)
    }

    @Test func projectingOntoAsManyComponentsAsTheDataHasKeepsEveryDistance() throws {
        // Unit rows of rank-4 sources plus the origin span at most 5 centred directions.
        let m = lowRankActivations()
        let unit = try CosinePreparation.prepare(m, dimensions: 0)
        let reduced = try CosinePreparation.prepare(m, dimensions: 8)
        #expect(reduced.cols <= 8)
        for i in 0..<60 { for j in (i + 1)..<60 { #expect(abs(distance(unit, i, j) - distance(reduced, i, j)) < 1e-4) } }
    }

    @Test func aWidthAtOrBelowTheComponentsAskedForIsNotReduced() throws {
        let m = lowRankActivations()
        #expect(try CosinePreparation.prepare(m, dimensions: 30).cols == 30)
        #expect(try CosinePreparation.prepare(m, dimensions: 50).cols == 30)
    }

    @Test func pointsThatAllShareOneDirectionNeedNoProjection() throws {
        // Every row a multiple of the same vector (or zero): no variance after normalisation.
        let m = Matrix(rows: 5, cols: 4, values: [1, 2, 0, 1, 2, 4, 0, 2, 0.5, 1, 0, 0.5, 3, 6, 0, 3, 1, 2, 0, 1])
        let prepared = try CosinePreparation.prepare(m, dimensions: 2)
        #expect(prepared.cols == 4)
        for i in 1..<5 { #expect(distance(prepared, 0, i) < 1e-6) }
    }
}
