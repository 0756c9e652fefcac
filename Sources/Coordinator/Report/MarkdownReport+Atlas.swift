/// A task's activation atlases in summary.md: one table row per seed and width with the
/// self-consistency of directions and of single neurons, and links to the two PNGs (relative to
/// `report/`, so they open from the sweep directory), then the means by width.
extension MarkdownReport {
    func atlases(of summary: TaskSummary) -> [String] {
        guard let gallery = report.atlases.task(summary.task, variant: summary.variant) else { return [] }
        var out = ["### Activation atlases", ""]
        out.append("Self-consistency: the share of an atlas's tiles whose feature visualisation the network itself "
            + "classifies as the tile's label — for directions (averaged activations of layout cells) and for single "
            + "neurons. The images with per-tile labels are in `index.html`.")
        out.append("")
        let header = ["width", "seed", "direction consistency", "neuron consistency", "tiles (directions / neurons)",
                      "trustworthiness", "images"]
        var rows: [[String]] = []
        for row in gallery.rows {
            for slot in row.slots {
                guard let entry = slot.entry else {
                    if case .missing(let width, let reason) = slot {
                        rows.append(["\(width)", "\(row.seed)", "–", "–", "–", "–", "no atlas: \(reason)"])
                    }
                    continue
                }
                var images = [Self.link("directions", entry.directionsImage), Self.link("neurons", entry.neuronsImage)]
                    .joined(separator: ", ")
                if entry.missedTarget { images += "; missed the source target" + (entry.included ? "" : ", not in the means") }
                rows.append(["\(entry.width)", "\(entry.seed)", ReportFormat.percent(entry.directionConsistency),
                             ReportFormat.percent(entry.neuronConsistency), "\(entry.directionTiles) / \(entry.neuronTiles)",
                             ReportFormat.number(entry.trustworthiness), images])
            }
        }
        out += Self.table(header: header, rows: rows, numeric: [0, 1, 2, 3, 4, 5]) + [""]
        let means = gallery.consistencyByWidth
        if !means.isEmpty {
            out += ["Mean self-consistency by width:", ""]
            out += Self.table(header: ["width", "atlases", "directions", "single neurons"], rows: means.map {
                ["\($0.width)", "\($0.atlases)", ReportFormat.percent($0.directions), ReportFormat.percent($0.neurons)]
            }, numeric: [0, 1, 2, 3]) + [""]
        }
        return out
    }

    /// `[directions](../artifacts/<key>/<name>)`, or why the file is not there.
    private static func link(_ label: String, _ image: AtlasImage) -> String {
        guard image.png != nil else { return "\(label): `\(image.name)` not readable (\(image.problem ?? "not read"))" }
        return "[\(label)](../\(image.path))"
    }
}
