// Implements docs/protocol.md §2.4 ASSIGN, frame 5 (cell object).

/// The cell a coordinator leases to a worker in `ASSIGN`. Unknown members are ignored.
public struct CellAssignment: WireBody {
    /// The coordinate: width ≥ 1, seed ≥ 0.
    public var cell: CellCoordinate
    /// The canonical key material as a string, so its exact bytes survive; its SHA-256 is the key.
    public var keyMaterial: String
    /// The sweep spec as run; a worker MAY ignore it and work from `keyMaterial` alone.
    public var specYAML: String
    /// This lease's duration in milliseconds; renewed by `PROGRESS`.
    public var leaseMilliseconds: Int

    enum CodingKeys: String, CodingKey {
        case cell
        case keyMaterial = "key_material"
        case specYAML = "spec_yaml"
        case leaseMilliseconds = "lease_ms"
    }

    public init(cell: CellCoordinate, keyMaterial: String, specYAML: String, leaseMilliseconds: Int) {
        self.cell = cell
        self.keyMaterial = keyMaterial
        self.specYAML = specYAML
        self.leaseMilliseconds = leaseMilliseconds
    }

    public func rangeProblem() -> (member: String, problem: String)? {
        if cell.width < 1 { return ("cell.width", "is \(cell.width), must be ≥ 1") }
        if cell.seed < 0 { return ("cell.seed", "is \(cell.seed), must be ≥ 0") }
        return Self.rangeProblem(leaseMilliseconds, WireConstants.leaseMillisecondsRange, "lease_ms")
    }
}
