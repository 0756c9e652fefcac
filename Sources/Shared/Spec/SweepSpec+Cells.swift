/// The cells a spec asks for and the key that identifies each one's result.
extension SweepSpec {
    /// Version of the key material's layout. Bumping it changes every key on purpose; it must be
    /// bumped whenever `cellKeyMaterial` changes shape.
    static let keyFormat = 3

    /// All cells, in dispatch order: seed-major (seeds as written), then tasks as written, then
    /// variants in grid order, then widths from widest to narrowest.
    ///
    /// Seed-major means every width has a seed-0 result early, so a partial sweep already shows
    /// the whole width curve; widest-first starts the longest cells first, which shortens the
    /// makespan (longest-processing-time-first scheduling).
    public var cells: [CellCoordinate] {
        let widest = widths.sorted(by: >)
        let names = variantNames
        var cells: [CellCoordinate] = []
        cells.reserveCapacity(seeds.count * tasks.count * names.count * widths.count)
        for seed in seeds {
            for task in tasks {
                for variant in names {
                    for width in widest {
                        cells.append(CellCoordinate(width: width, seed: seed, task: task.name, variant: variant))
                    }
                }
            }
        }
        return cells
    }

    /// Lowercase hex SHA-256 of `cellKeyMaterial`: same key ⇒ same result, so the journal
    /// skips a cell whose key already has a result and re-runs one whose key changed.
    public func cellKey(_ cell: CellCoordinate, engineVersion: String) -> String {
        SHA256.hexDigest(of: cellKeyMaterial(cell, engineVersion: engineVersion))
    }

    /// The key of every cell. Much faster than `cellKey` per cell, which a coordinator resuming
    /// a large sweep needs: each task's material is serialized once, and the SHA-256 state after
    /// everything but the width is reused for all widths of a (task, variant, seed).
    public func cellKeys(engineVersion: String) -> [CellCoordinate: String] {
        let widest = widths.sorted(by: >)
        var keys: [CellCoordinate: String] = [:]
        keys.reserveCapacity(seeds.count * tasks.count * variantNames.count * widths.count)
        for variant in variantNames {
            let spec = resolved(variant: variant) ?? self
            for task in tasks {
                let templates = spec.keyTemplates(task: task.name, engineVersion: engineVersion)
                for seed in seeds {
                    let template = drawsAtlas(task: task.name, seed: seed) ? templates.atlas : templates.plain
                    for (width, key) in zip(widest, template.keys(seed: seed, widths: widest)) {
                        keys[CellCoordinate(width: width, seed: seed, task: task.name, variant: variant)] = key
                    }
                }
            }
        }
        return keys
    }

    /// Every cell with its key and key material, in dispatch order (`cells`): what a coordinator
    /// records when it creates a sweep's journal. Equal to `cellKey` and `cellKeyMaterial` cell by
    /// cell, but each task's material is serialized once instead of once per cell (canonical JSON of
    /// the whole task, sorted keys and all, was most of a 100,000-cell sweep's first start), and
    /// the SHA-256 state after everything but the width is reused for all widths of a (task, seed).
    public func cellKeysAndMaterial(engineVersion: String) -> [(cell: CellCoordinate, key: String, material: String)] {
        let widest = widths.sorted(by: >)
        let names = variantNames
        let templates = names.map { variant in
            let spec = resolved(variant: variant) ?? self
            return tasks.map { spec.keyTemplates(task: $0.name, engineVersion: engineVersion) }
        }
        var result: [(cell: CellCoordinate, key: String, material: String)] = []
        result.reserveCapacity(seeds.count * tasks.count * names.count * widths.count)
        for seed in seeds {
            for (taskIndex, task) in tasks.enumerated() {
                for (variantIndex, variant) in names.enumerated() {
                    let pair = templates[variantIndex][taskIndex]
                    let template = drawsAtlas(task: task.name, seed: seed) ? pair.atlas : pair.plain
                    for (width, cell) in zip(widest, template.keysAndMaterial(seed: seed, widths: widest)) {
                        result.append((CellCoordinate(width: width, seed: seed, task: task.name, variant: variant),
                                       cell.key, cell.material))
                    }
                }
            }
        }
        return result
    }

    /// The canonical JSON hashed into a cell's key: everything that can change the cell's result
    /// and nothing else (see docs/spec.md, "Cell keys"). Kept public so a changed key can be
    /// explained by diffing two materials.
    ///
    /// Included: key format, engine version, sweep seed, width, cell seed, every section
    /// (`model`, `training`, …) with defaults filled in and the cell's variant's single values in
    /// place of any list, and the task with its targets, each
    /// dataset reference replaced by the dataset's full source, and — only for cells that draw an
    /// activation atlas — the `atlas` settings (not its selection). Not included: the sweep name,
    /// other widths, seeds, tasks and variants, the variant's name, datasets the task does not
    /// use, and dataset names.
    /// A cell whose task is not in this spec hashes its task as `{"name":…,"unknown":true}`,
    /// a key no real cell has; so does one whose variant is not (with the variant's name). A
    /// spec that lists no axis ignores the cell's variant name: it is itself the variant, which
    /// is how a worker handed one variant's resolved spec computes the same key.
    public func cellKeyMaterial(_ cell: CellCoordinate, engineVersion: String) -> String {
        let atlas = drawsAtlas(task: cell.task, seed: cell.seed)
        if variants.isEmpty {
            return keyTemplate(task: cell.task, engineVersion: engineVersion, atlas: atlas)
                .material(width: cell.width, seed: cell.seed)
        }
        guard let spec = resolved(variant: cell.variant) else {
            return keyTemplate(task: cell.task, engineVersion: engineVersion, atlas: atlas,
                               unknownVariant: cell.variant).material(width: cell.width, seed: cell.seed)
        }
        return spec.keyTemplate(task: cell.task, engineVersion: engineVersion, atlas: atlas)
            .material(width: cell.width, seed: cell.seed)
    }

    /// Both templates of `task`: for its cells without an atlas and (when the spec has an
    /// `atlas` section) for those with one.
    func keyTemplates(task name: String, engineVersion: String) -> (plain: CellKeyTemplate, atlas: CellKeyTemplate) {
        let plain = keyTemplate(task: name, engineVersion: engineVersion, atlas: false)
        return (plain, atlas == nil ? plain : keyTemplate(task: name, engineVersion: engineVersion, atlas: true))
    }

    /// Key material of every cell of `task`, with holes for the width and the cell seed.
    /// `atlas` adds the atlas settings, for the cells that draw one.
    func keyTemplate(task name: String, engineVersion: String, atlas withAtlas: Bool,
                     unknownVariant: String? = nil) -> CellKeyTemplate {
        var members = sectionsCanonical
        if let unknownVariant {
            members[ModelSpec.key] = .object(["variant": .string(unknownVariant), "unknown": .bool(true)])
        }
        if withAtlas, let atlas { members[AtlasSection.key] = atlas.canonical }
        members["key_format"] = .int(Self.keyFormat)
        members["engine_version"] = .string(engineVersion)
        members["sweep_seed"] = .unsigned(seed)
        if let task = task(named: name) {
            members["task"] = task.canonical { name in
                self.dataset(named: name)?.canonical ?? .object(["name": .string(name), "unknown": .bool(true)])
            }
        } else {
            members["task"] = .object(["name": .string(name), "unknown": .bool(true)])
        }
        let (fragments, holes) = CanonicalJSON.objectFragments(members, holes: ["seed", "width"])
        // Keys are sorted and "seed" < "width", so the holes always come in this order.
        precondition(holes == ["seed", "width"] && fragments.count == 3, "cell key holes out of order")
        return CellKeyTemplate(head: fragments[0], middle: fragments[1], tail: fragments[2])
    }
}

/// One task's key material, serialized once, with the cell seed and width left as holes:
/// `head` seed `middle` width `tail`. Width comes last because members are sorted by key.
struct CellKeyTemplate: Equatable {
    let head: String
    let middle: String
    let tail: String

    /// The complete canonical material of the cell (width, seed).
    func material(width: Int, seed: Int) -> String {
        head + String(seed) + middle + String(width) + tail
    }

    /// The key and material of the cells (width, seed) for each of `widths`, serializing and
    /// hashing the shared part once.
    func keysAndMaterial(seed: Int, widths: [Int]) -> [(key: String, material: String)] {
        let prefix = head + String(seed) + middle
        var shared = SHA256()
        shared.update(prefix.utf8)
        return widths.map { width in
            let suffix = String(width) + tail
            var hasher = shared
            hasher.update(suffix.utf8)
            return (SHA256.hex(hasher.finalize()), prefix + suffix)
        }
    }

    /// The keys of the cells (width, seed) for each of `widths`, hashing the shared part once.
    func keys(seed: Int, widths: [Int]) -> [String] {
        var shared = SHA256()
        shared.update((head + String(seed) + middle).utf8)
        return widths.map { width in
            var hasher = shared
            hasher.update((String(width) + tail).utf8)
            return SHA256.hex(hasher.finalize())
        }
    }
}

extension CanonicalJSON {
    /// A `UInt64` (a seed) as an integer, or as a decimal string above 2⁶³−1, where JSON readers
    /// that parse integers as doubles or Int64 would lose it.
    static func unsigned(_ value: UInt64) -> CanonicalJSON {
        value <= UInt64(Int64.max) ? .integer(Int64(value)) : .string(String(value))
    }
}
