import Foundation
import Shared

/// A task's "Activation atlases" section (docs/architecture.md §1, claim 3): for each seed, the
/// direction atlases of all widths in one row and the single-neuron sheets of the same networks
/// under them, each with its self-consistency, so the narrow and the wide network are read side
/// by side; then the mean self-consistency against width, directions against neurons.
///
/// The PNGs are embedded as `data:` URIs (the page fetches nothing). A transparent SVG over each
/// image gives every tile a tooltip; the tiles' coloured frames are drawn in the PNG itself, and
/// the legend says which colour is which class.
extension HTMLReport {
    func atlases(of summary: TaskSummary, into page: inout HTMLPage) {
        guard let gallery = report.atlases.task(summary.task, variant: summary.variant) else { return }
        page.raw("<section id=\"atlas-\(Markup.escape(Self.anchor(summary)))\" class=\"atlases\">")
        page.element("h2", "Activation atlases: task \(summary.title)")
        page.element("p", "Each direction atlas lays the source inputs' hidden activations out in two dimensions, "
            + "averages the activation over each populated cell of a grid on that layout, and shows the input that "
            + "most excites the averaged direction; under each sheet, the mean input behind each tile. Under those, "
            + "the same network's sheet of single hidden units, a random sample, visualised with the same objective "
            + "(the unit's own direction), with the mean of the inputs that excite each unit most. A tile's frame colour is the class its direction most supports; self-consistency is the share "
            + "of tiles the network itself classifies as that class"
            + (gallery.classes.isEmpty ? "" : " (chance: about \(ReportFormat.percent(1 / Double(gallery.classes.count))))")
            + ". Hover a tile for its label.")
        legend(gallery.classes, into: &page)
        consistency(gallery, into: &page)
        for row in gallery.rows {
            page.element("h3", "Seed \(row.seed)")
            sheetRow(row, sheet: "directions", label: "Directions (averaged activations of layout cells)", into: &page)
            sheetRow(row, sheet: "neurons", label: "Single neurons", into: &page)
        }
        page.raw("</section>")
    }

    private func legend(_ classes: [String], into page: inout HTMLPage) {
        guard !classes.isEmpty else { return }
        page.raw("<ul class=\"atlas-legend\">")
        for (label, name) in classes.enumerated() {
            page.raw("<li><span class=\"swatch\" style=\"background:\(AtlasPalette.colour(label))\"></span>"
                + Markup.escape(name) + "</li>")
        }
        page.raw("</ul>")
    }

    private func consistency(_ gallery: AtlasGallery.Task, into page: inout HTMLPage) {
        let means = gallery.consistencyByWidth
        guard !means.isEmpty else { return }
        func points(_ value: (AtlasGallery.WidthConsistency) -> Double) -> [SVGPlot.Point] {
            means.map { SVGPlot.Point(width: $0.width, mean: value($0), low: nil, high: nil) }
        }
        let plot = SVGPlot(
            title: "\(gallery.variant.isEmpty ? gallery.task : gallery.task + ", " + gallery.variant): atlas self-consistency", metric: "atlas.consistency", yLabel: "self-consistent tiles",
            widths: gallery.widths,
            series: [.init(kind: "directions", group: nil, label: "directions", colour: 0, dashed: false,
                           points: points(\.directions)),
                     .init(kind: "neurons", group: nil, label: "single neurons", colour: 1, dashed: false,
                           points: points(\.neurons))],
            percent: true)
        page.raw("<div class=\"figures\"><figure>\(plot.render())</figure><div>")
        page.element("h3", "Mean self-consistency by width")
        page.table(header: ["width", "atlases", "directions", "single neurons"], rows: means.map {
            ["\($0.width)", "\($0.atlases)", ReportFormat.percent($0.directions), ReportFormat.percent($0.neurons)]
        }, numericColumns: [0, 1, 2, 3], data: "atlas.consistency")
        page.raw("</div></div>")
    }

    private func sheetRow(_ row: AtlasGallery.Row, sheet: String, label: String, into page: inout HTMLPage) {
        page.element("p", label, class: "atlas-row-label")
        page.raw("<div class=\"atlas-row\" data-sheet=\"\(sheet)\" "
            + "style=\"grid-template-columns:repeat(\(row.slots.count),minmax(\(Self.atlasMinimumWidth),1fr))\">")
        for slot in row.slots {
            page.raw("<figure class=\"atlas\"" + Markup.attributeList([
                ("data-width", "\(slot.width)"), ("data-seed", "\(row.seed)"), ("data-sheet", sheet)]) + ">")
            switch slot {
            case .atlas(let entry):
                let directions = sheet == "directions"
                let drawn = directions ? entry.atlas.directions : entry.atlas.neurons
                image(directions ? entry.directionsImage : entry.neuronsImage, sheet: drawn, entry: entry, into: &page)
                // Beside the visualisations, the mean input behind each tile: legible where the
                // visualisations are high-contrast patterns.
                if let means = directions ? entry.directionMeansImage : entry.neuronMeansImage {
                    page.element("p", directions ? "mean input of each cell" : "mean of the inputs that excite each unit most",
                                 class: "atlas-means-label")
                    image(means, sheet: drawn, entry: entry, into: &page)
                }
                caption(entry, directions: directions, into: &page)
            case .missing(let width, let reason):
                page.raw("<div class=\"atlas-missing\">")
                page.element("span", "No atlas: \(reason)")
                page.raw("</div><figcaption>")
                page.element("span", "width \(width)", class: "atlas-width")
                page.raw("</figcaption>")
            }
            page.raw("</figure>")
        }
        page.raw("</div>")
    }

    private func image(_ image: AtlasImage, sheet: AtlasSheet, entry: AtlasEntry, into page: inout HTMLPage) {
        let size = entry.atlas.tileSize
        let width = sheet.columns * size, height = sheet.rows * size
        guard let png = image.png else {
            page.raw("<div class=\"atlas-missing\" style=\"aspect-ratio:\(width) / \(height)\">")
            page.element("span", "Image \(image.path) not shown: \(image.problem ?? "not read")")
            page.raw("</div>")
            return
        }
        // Base64 is letters, digits, "+", "/" and "=": nothing to escape, and escaping it
        // character by character was most of the page's rendering time.
        let source = "data:image/png;base64," + Data(png).base64EncodedString()
        page.raw("<div class=\"atlas-image\"><img src=\"\(source)\"" + Markup.attributeList([
            ("alt", "\(image.name), width \(entry.width), seed \(entry.seed)"),
            ("width", "\(width)"), ("height", "\(height)")]) + "/>")
        // Invisible but hit-testable tiles: `<title>` is the tooltip; no colour of its own.
        page.raw("<svg class=\"atlas-tiles\" viewBox=\"0 0 \(width) \(height)\" preserveAspectRatio=\"none\" aria-hidden=\"true\">")
        for tile in sheet.tiles {
            page.raw("<rect x=\"\(tile.column * size)\" y=\"\(tile.row * size)\" width=\"\(size)\" height=\"\(size)\" "
                + "fill=\"#fff\" fill-opacity=\"0\">" + Markup.element("title", text: entry.describe(tile)) + "</rect>")
        }
        page.raw("</svg></div>")
    }

    private func caption(_ entry: AtlasEntry, directions: Bool, into page: inout HTMLPage) {
        page.raw("<figcaption>")
        page.element("span", "width \(entry.width)", class: "atlas-width")
        let directionLine = "directions: \(ReportFormat.percent(entry.directionConsistency)) self-consistent "
            + "(\(entry.directionTiles) tile\(entry.directionTiles == 1 ? "" : "s"))"
        let neuronLine = "neurons: \(ReportFormat.percent(entry.neuronConsistency)) self-consistent "
            + "(\(entry.neuronTiles) tile\(entry.neuronTiles == 1 ? "" : "s"))"
        if directions {
            page.element("span", directionLine, class: "atlas-directions")
            page.element("span", neuronLine, class: "atlas-neurons")
            page.element("span", "trustworthiness \(ReportFormat.number(entry.trustworthiness)) "
                + "(\(entry.atlas.trustworthinessNeighbours) neighbours)", class: "atlas-trustworthiness")
        } else {
            page.element("span", neuronLine, class: "atlas-neurons")
        }
        if entry.missedTarget {
            page.element("span", "missed the source target accuracy" + (entry.included ? "" : "; not in the means"),
                         class: "atlas-flag")
        }
        page.raw("</figcaption>")
    }
}
