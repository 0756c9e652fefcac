extension CellResult {
    /// An atlas must name distinct artifact images (two sheets, each with an optional mean-input companion) and describe tiles that fit its sheets and
    /// whose classes exist: the report draws and labels them without further checks.
    func validate(_ atlas: AtlasResult) throws {
        try Self.finite(atlas.trustworthiness, "atlas.trustworthiness")
        guard (0...1).contains(atlas.trustworthiness) else {
            throw InvalidResult(field: "atlas.trustworthiness", problem: "is \(atlas.trustworthiness), outside [0, 1]")
        }
        try Self.finite(atlas.seconds, "atlas.seconds")
        for (value, field) in [(atlas.examples, "examples"), (atlas.grid, "grid"), (atlas.tileSize, "tileSize"),
                               (atlas.minPoints, "minPoints"), (atlas.trustworthinessNeighbours, "trustworthinessNeighbours")]
        where value < 1 {
            throw InvalidResult(field: "atlas.\(field)", problem: "is \(value), must be positive")
        }
        var seen: Set<String> = []
        for name in atlas.imageNames where !seen.insert(name).inserted {
            throw InvalidResult(field: "atlas", problem: "names the image \"\(name)\" twice")
        }
        try validate(atlas.directions, "atlas.directions")
        try validate(atlas.neurons, "atlas.neurons")
    }

    private func validate(_ sheet: AtlasSheet, _ field: String) throws {
        for (name, key) in [(sheet.image, "image"), (sheet.meanImage, "meanImage")] {
            guard let name else { continue }
            guard WireFields.isArtifactName(Array(name.utf8)) else {
                throw InvalidResult(field: field + "." + key, problem: "\"\(name)\" is not a valid artifact name")
            }
        }
        try Self.accuracy(sheet.consistency, field + ".consistency")
        guard sheet.columns >= 1, sheet.rows >= 1, sheet.columns <= 1024, sheet.rows <= 1024 else {
            throw InvalidResult(field: field, problem: "has a \(sheet.columns) × \(sheet.rows) tile grid; each side must lie in 1…1024")
        }
        let classes = source.classes.count
        for (i, tile) in sheet.tiles.enumerated() {
            let at = "\(field).tiles[\(i)]"
            guard (0..<sheet.rows).contains(tile.row), (0..<sheet.columns).contains(tile.column) else {
                throw InvalidResult(field: at, problem: "lies at (\(tile.row), \(tile.column)), outside the \(sheet.rows) × \(sheet.columns) grid")
            }
            guard (0..<classes).contains(tile.label), (0..<classes).contains(tile.predicted) else {
                throw InvalidResult(field: at, problem: "names class \(tile.label) or \(tile.predicted); the source task has \(classes)")
            }
            try Self.finite(tile.objective, at + ".objective")
        }
    }
}
