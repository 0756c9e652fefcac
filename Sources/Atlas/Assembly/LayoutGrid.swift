import Engine

/// The layout cut into grid × grid cells, with the mean activation of the points in each cell
/// (steps 3 of Carter et al.'s recipe): the directions an atlas visualises.
public struct LayoutGrid: Sendable {
    /// One populated cell.
    public struct Cell: Sendable, Equatable {
        /// Row 0 is the top of the atlas (largest layout y), column 0 its left (smallest x).
        public var row: Int
        public var column: Int
        public var points: Int
        /// Mean activation of the cell's points (length: feature width).
        public var mean: [Float]
        /// Mean input of the cell's points, as given (standardised); empty when no inputs were given.
        public var meanInput: [Float] = []
    }

    public let grid: Int
    /// Cells with at least `minPoints` points, row-major.
    public let cells: [Cell]
    /// Points that fell into cells too sparse for a tile.
    public let sparsePoints: Int

    /// - Parameters:
    ///   - positions: n × 2 layout in the unit square (x, y); values outside are clamped into the
    ///     border cells, so clipped outliers still count.
    ///   - activations: n × width, row i the activation of point i.
    ///   - inputs: n × input size, row i the input of point i, to average per cell as well.
    public init(positions: Matrix, activations: Matrix, inputs: Matrix? = nil, grid: Int, minPoints: Int) {
        precondition(positions.cols == 2 && positions.rows == activations.rows, "positions and activations disagree")
        precondition(inputs.map { $0.rows == positions.rows } ?? true, "positions and inputs disagree")
        precondition(grid > 0 && minPoints > 0, "grid and minPoints must be positive")
        let width = activations.cols
        var counts = [Int](repeating: 0, count: grid * grid)
        // Double sums: a cell may hold thousands of points, and float sums would drift with order.
        var sums = [Double](repeating: 0, count: grid * grid * width)
        for i in 0..<positions.rows {
            let cell = Self.cellIndex(x: positions[i, 0], y: positions[i, 1], grid: grid)
            counts[cell] += 1
            let row = activations.base + i * width
            sums.withUnsafeMutableBufferPointer { s in
                let base = cell * width
                for j in 0..<width { s[base + j] += Double(row[j]) }
            }
        }
        var cells: [Cell] = []
        var sparse = 0
        for index in 0..<(grid * grid) where counts[index] > 0 {
            guard counts[index] >= minPoints else { sparse += counts[index]; continue }
            let n = Double(counts[index])
            let mean = (0..<width).map { Float(sums[index * width + $0] / n) }
            cells.append(Cell(row: index / grid, column: index % grid, points: counts[index], mean: mean))
        }
        if let inputs {
            let means = Self.meanInputs(positions: positions, inputs: inputs, grid: grid)
            for c in cells.indices { cells[c].meanInput = means[cells[c].row * grid + cells[c].column] }
        }
        self.grid = grid
        self.cells = cells
        sparsePoints = sparse
    }

    /// Mean input of every cell (empty arrays for empty cells), summed in Double like the activations.
    static func meanInputs(positions: Matrix, inputs: Matrix, grid: Int) -> [[Float]] {
        let width = inputs.cols
        var counts = [Int](repeating: 0, count: grid * grid)
        var sums = [Double](repeating: 0, count: grid * grid * width)
        sums.withUnsafeMutableBufferPointer { s in
            for i in 0..<positions.rows {
                let cell = cellIndex(x: positions[i, 0], y: positions[i, 1], grid: grid)
                counts[cell] += 1
                let row = inputs.base + i * width
                for j in 0..<width { s[cell * width + j] += Double(row[j]) }
            }
        }
        return (0..<(grid * grid)).map { cell in
            counts[cell] == 0 ? [] : (0..<width).map { Float(sums[cell * width + $0] / Double(counts[cell])) }
        }
    }

    /// Row-major cell index of a point; y grows upwards in the layout, rows downwards in images.
    static func cellIndex(x: Float, y: Float, grid: Int) -> Int {
        func bin(_ v: Float) -> Int {
            guard v.isFinite else { return 0 }
            return min(grid - 1, max(0, Int((v * Float(grid)).rounded(.down))))
        }
        return (grid - 1 - bin(y)) * grid + bin(x)
    }
}
