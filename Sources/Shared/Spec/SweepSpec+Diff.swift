/// Classifying an edit of a spec, so a resumed sweep re-runs nothing by accident and discards
/// nothing silently (docs/spec.md §9).
extension SweepSpec {
    /// Compares this (edited) spec with `old`, the spec the sweep ran with.
    ///
    /// The classification is by cell keys: an old cell that is missing or whose key changed makes
    /// the edit `.changesMeaning`, described field by field; otherwise new cells make it
    /// `.additive`, and no new cells make it `.identical`. Adding a target to an existing task
    /// changes that task's key, so it changes meaning (its cells would need re-running).
    /// Keys are compared per task (a cell's key differs from its task's only by width and seed),
    /// so the cost does not grow with the number of cells.
    public func diff(from old: SweepSpec) -> SpecChange {
        // Any fixed string: both sides run on the same engine; its version is not a spec edit.
        let version = "diff"
        let (pairs, lostVariants) = variantPairs(from: old)
        let lostCoordinate = old.widths.contains { !widths.contains($0) }
            || old.seeds.contains { !seeds.contains($0) }
            || old.tasks.contains { task(named: $0.name) == nil }
            || !lostVariants.isEmpty
        // A kept cell changes key when its task's material changes or its atlas does (settings,
        // or whether it draws one); both are per (task, variant, seed), never per width.
        let keptSeeds = old.seeds.filter { seeds.contains($0) }
        var changedTasks: [String] = []
        for name in old.tasks.map(\.name) where task(named: name) != nil {
            let changed = pairs.contains { pair in
                let before = pair.old.keyTemplates(task: name, engineVersion: version)
                let after = pair.new.keyTemplates(task: name, engineVersion: version)
                return keptSeeds.contains { seed in
                    (old.drawsAtlas(task: name, seed: seed) ? before.atlas : before.plain)
                        != (drawsAtlas(task: name, seed: seed) ? after.atlas : after.plain)
                }
            }
            if changed { changedTasks.append(name) }
        }
        if lostCoordinate || !changedTasks.isEmpty {
            let descriptions = describeChanges(from: old)
            let fallback = changedTasks.map { "the cells of task \($0) changed meaning" }
            return .changesMeaning(descriptions.isEmpty ? fallback : descriptions)
        }
        let oldWidths = Set(old.widths), oldSeeds = Set(old.seeds), oldTasks = Set(old.tasks.map(\.name))
        let keptVariants = Set(pairs.map(\.newName))
        let added = cells.filter {
            !oldWidths.contains($0.width) || !oldSeeds.contains($0.seed) || !oldTasks.contains($0.task)
                || !keptVariants.contains($0.variant)
        }
        return added.isEmpty ? .identical : .additive(added)
    }

    /// Each old variant with the new variant that has the same value on every model axis (its
    /// resolved spec, and its name, which changes when a single value becomes a list), and the
    /// old variants no new one matches (a listed value was removed or changed). Two specs that
    /// list nothing pair as they are, so an edited single value is described as a change.
    private func variantPairs(from old: SweepSpec) -> (pairs: [(old: SweepSpec, new: SweepSpec, newName: String)], lost: [String]) {
        if old.variants.isEmpty && variants.isEmpty { return ([(old, self, "")], []) }
        let mine = variantNames.compactMap { name in resolved(variant: name).map { (name, $0) } }
        var pairs: [(old: SweepSpec, new: SweepSpec, newName: String)] = []
        var lost: [String] = []
        for name in old.variantNames {
            guard let before = old.resolved(variant: name) else { continue }
            if let match = mine.first(where: { $0.1.axisValues == before.axisValues }) {
                pairs.append((before, match.1, match.0))
            } else {
                lost.append(name)
            }
        }
        return (pairs, lost)
    }

    /// The value of every model axis key in this spec's first variant, as written: what
    /// identifies a variant across edits that list or unlist a key.
    var axisValues: [String: String] {
        var values = ["training.optimizer": training.optimizer.name]
        switch model.family {
        case .mlp(let depth): values["model.family"] = "mlp"; values["model.depth"] = String(depth)
        case .cnn: values["model.family"] = "cnn"
        }
        switch model.parameterization {
        case .standard: values["model.parameterization"] = "standard"
        case .mup: values["model.parameterization"] = "mup"
        }
        return values
    }

    /// Human-readable differences that bear on existing cells: removed widths, seeds, tasks and
    /// axis values, then the sweep seed, each section (per variant kept), and each kept task
    /// whose own definition changed (with the datasets it uses). A task that differs only by a
    /// renamed dataset is left out.
    func describeChanges(from old: SweepSpec) -> [String] {
        var out: [String] = []
        let removedWidths = old.widths.filter { !widths.contains($0) }
        let removedSeeds = old.seeds.filter { !seeds.contains($0) }
        let removedTasks = old.tasks.map(\.name).filter { task(named: $0) == nil }
        let dropped = "(their finished cells would no longer belong to the sweep)"
        if !removedWidths.isEmpty { out.append("widths removed: \(Self.list(removedWidths)) \(dropped)") }
        if !removedSeeds.isEmpty { out.append("seeds removed: \(Self.list(removedSeeds)) \(dropped)") }
        if !removedTasks.isEmpty { out.append("tasks removed: \(removedTasks.joined(separator: ", ")) \(dropped)") }
        let (pairs, lost) = variantPairs(from: old)
        if !lost.isEmpty {
            let before = out.count
            let oldValues = old.variantNames.compactMap { old.resolved(variant: $0)?.axisValues }
            let newValues = variantNames.compactMap { resolved(variant: $0)?.axisValues }
            for axis in SpecVariant.axes {
                var removed: [String] = []
                for value in oldValues.compactMap({ $0[axis] }) where !removed.contains(value)
                    && !newValues.contains(where: { $0[axis] == value }) {
                    removed.append(value)
                }
                if !removed.isEmpty { out.append("\(axis) values removed: \(Self.list(removed)) (their finished cells would no longer belong to the sweep)") }
            }
            if out.count == before {
                out.append("variants removed: \(lost.joined(separator: ", ")) (no variant of the edited spec has the same model settings) \(dropped)")
            }
        }

        Self.compare(.unsigned(old.seed), .unsigned(seed), path: "seed", into: &out)
        for pair in pairs {
            let oldSections = pair.old.sectionsCanonical, newSections = pair.new.sectionsCanonical
            var lines: [String] = []
            for key in Self.topLevelKeys where oldSections[key] != nil || newSections[key] != nil {
                Self.compare(oldSections[key], newSections[key], path: key, into: &lines)
            }
            for line in lines where !out.contains(line) { out.append(line) }
        }
        Self.compare(old.atlas.map(Self.describedAtlas), atlas.map(Self.describedAtlas), path: AtlasSection.key, into: &out)
        var datasetNames: [String] = []
        for newTask in tasks {
            guard let oldTask = old.task(named: newTask.name) else { continue }
            let oldSources = oldTask.canonical { old.dataset(named: $0)?.canonical ?? .null }
            let newSources = newTask.canonical { self.dataset(named: $0)?.canonical ?? .null }
            guard oldSources != newSources else { continue }
            let byName: (String) -> CanonicalJSON = { .string($0) }
            Self.compare(oldTask.canonical(dataset: byName), newTask.canonical(dataset: byName),
                         path: "tasks.\(newTask.name)", into: &out)
            for name in newTask.datasetNames where oldTask.datasetNames.contains(name)
                && !datasetNames.contains(name) {
                datasetNames.append(name)
            }
        }
        for name in datasetNames {
            Self.compare(old.dataset(named: name)?.canonical, dataset(named: name)?.canonical,
                         path: "datasets.\(name)", into: &out)
        }
        return out
    }

    /// The atlas section with its selection, for describing edits (keys carry only the settings).
    private static func describedAtlas(_ atlas: AtlasSection) -> CanonicalJSON {
        guard case .object(var members) = atlas.canonical else { return atlas.canonical }
        members["seeds"] = .array(atlas.seeds.map(CanonicalJSON.int))
        members["tasks"] = atlas.tasks.map { .array($0.map(CanonicalJSON.string)) } ?? .string("all")
        return .object(members)
    }

    /// Appends one line per difference between two canonical values at `path`. Objects are
    /// compared member by member; lists of named objects (targets, groups) by name, plus their
    /// order; anything else as a whole.
    private static func compare(_ old: CanonicalJSON?, _ new: CanonicalJSON?, path: String,
                                into out: inout [String]) {
        switch (old, new) {
        case (nil, nil):
            return
        case (nil, .some(let new)):
            out.append("\(path) added: \(render(new))")
        case (.some(let old), nil):
            out.append("\(path) removed (was \(render(old)))")
        case (.object(let a), .object(let b)):
            for key in Set(a.keys).union(b.keys).sorted() {
                compare(a[key], b[key], path: "\(path).\(key)", into: &out)
            }
        case (.array(let a), .array(let b)):
            guard let oldNames = names(a), let newNames = names(b) else {
                if a != b { out.append("\(path) changed from \(render(.array(a))) to \(render(.array(b)))") }
                return
            }
            if oldNames != newNames {
                out.append("\(path) changed from \(list(oldNames)) to \(list(newNames))")
            }
            for name in oldNames + newNames.filter({ !oldNames.contains($0) }) {
                compare(named(name, in: a), named(name, in: b), path: "\(path).\(name)", into: &out)
            }
        case (.some(let old), .some(let new)):
            if old != new { out.append("\(path) changed from \(render(old)) to \(render(new))") }
        }
    }

    /// The `name` members of a non-empty list of named objects; nil for any other list.
    private static func names(_ elements: [CanonicalJSON]) -> [String]? {
        guard !elements.isEmpty else { return nil }
        var names: [String] = []
        for element in elements {
            guard case .object(let members) = element, case .string(let name)? = members["name"] else { return nil }
            names.append(name)
        }
        return names
    }

    /// The element of a named list called `name`, without its `name` member (the path says it).
    private static func named(_ name: String, in elements: [CanonicalJSON]) -> CanonicalJSON? {
        for element in elements {
            guard case .object(var members) = element, members["name"] == .string(name) else { continue }
            members["name"] = nil
            return .object(members)
        }
        return nil
    }

    /// A value as a person would write it: bare strings and numbers, `[0, 1, 2]` for lists.
    private static func render(_ value: CanonicalJSON) -> String {
        switch value {
        case .string(let text): return text
        case .array(let elements) where names(elements) == nil: return "[" + elements.map(render).joined(separator: ", ") + "]"
        default: return value.serialized
        }
    }

    private static func list<T>(_ values: [T]) -> String {
        "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
    }
}
