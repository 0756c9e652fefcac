@testable import Coordinator
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// index.html's "Activation atlases" section: per seed a row of direction atlases and under it
/// the single-neuron sheets, widths ascending, the PNGs embedded byte for byte, per-tile
/// tooltips, a colour legend, the numbers under each image, and a visible note where an image
/// is missing — in a page that is still well-formed and fetches nothing.
struct ReportAtlasHTMLTests {
    typealias F = ReportAtlasFixtures
    typealias Element = ReportHTMLTests.Collector.Element

    private func elements(_ report: SweepReport) throws -> [Element] {
        let html = HTMLReport(report: report).render()
        let parser = XMLParser(data: Data(html.utf8))
        let collector = ReportHTMLTests.Collector()
        parser.delegate = collector
        let parsed = parser.parse()
        #expect(parsed, "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        try #require(parsed)
        return collector.elements
    }

    private func elements(skipping: Set<String> = []) throws -> [Element] {
        try F.withReport(skipping: { _ in skipping }) { try elements($0) }
    }

    /// The figures of one sheet row of `seed`, in page order.
    private func figures(_ elements: [Element], sheet: String, seed: Int) -> [Element] {
        elements.filter { $0.name == "figure" && $0.attributes["data-sheet"] == sheet && $0.attributes["data-seed"] == "\(seed)" }
    }

    /// Elements inside the figure of `sheet` at `width` and `seed`.
    private func inside(_ elements: [Element], sheet: String, width: Int, seed: Int) -> [Element] {
        elements.filter { element in
            element.ancestorAttributes.contains {
                $0["data-sheet"] == sheet && $0["data-width"] == "\(width)" && $0["data-seed"] == "\(seed)"
            }
        }
    }

    @Test func eachTaskWithAtlasesHasASectionLinkedFromTheContents() throws {
        let elements = try elements()
        let section = try #require(elements.first { $0.name == "section" && $0.attributes["id"] == "atlas-coarse" })
        #expect(section.attributes["class"] == "atlases")
        #expect(elements.contains { $0.name == "h2" && $0.text == "Activation atlases: task coarse" })
        #expect(elements.contains { $0.name == "a" && $0.attributes["href"] == "#atlas-coarse" && $0.text == "Atlases coarse" })
        #expect(elements.filter { $0.name == "h3" && $0.ancestorAttributes.contains { $0["id"] == "atlas-coarse" } }.map(\.text)
            .filter { $0.hasPrefix("Seed") } == ["Seed 0", "Seed 2"])
    }

    @Test func aRowShowsEveryWidthAscendingWithTheNeuronSheetsUnderIt() throws {
        let elements = try elements()
        for sheet in ["directions", "neurons"] {
            #expect(figures(elements, sheet: sheet, seed: 0).map { $0.attributes["data-width"] } == ["16", "64", "256"], "\(sheet)")
            #expect(figures(elements, sheet: sheet, seed: 2).map { $0.attributes["data-width"] } == ["16", "64", "256"], "\(sheet)")
        }
        // The direction row comes first, then the neuron row of the same seed.
        let order = elements.filter { $0.name == "div" && $0.attributes["class"] == "atlas-row" }.map { $0.attributes["data-sheet"] }
        #expect(order == ["directions", "neurons", "directions", "neurons"])
    }

    @Test func theImagesAreTheStoredPNGsAsDataURIsDrawnPixelated() throws {
        let elements = try elements()
        let directions = try #require(inside(elements, sheet: "directions", width: 64, seed: 0).first { $0.name == "img" })
        let neurons = try #require(inside(elements, sheet: "neurons", width: 64, seed: 0).first { $0.name == "img" })
        #expect(directions.attributes["src"] == "data:image/png;base64," + F.directionsBase64)
        #expect(neurons.attributes["src"] == "data:image/png;base64," + F.neuronsBase64)
        // 3 × 2 and 2 × 2 tiles of 4 pixels.
        #expect(directions.attributes["width"] == "12" && directions.attributes["height"] == "8")
        #expect(neurons.attributes["width"] == "8" && neurons.attributes["height"] == "8")
        let images = elements.filter { $0.name == "img" }
        #expect(images.count == 2 * 5)
        #expect(images.allSatisfy { $0.attributes["src"]?.hasPrefix("data:image/png;base64,") == true })
        let style = elements.filter { $0.name == "style" }.map(\.text).joined()
        #expect(style.contains(".atlas-image img{") && style.contains("image-rendering:pixelated"))
    }

    @Test func theNumbersAreUnderEachImage() throws {
        let elements = try elements()
        let directionCaption = inside(elements, sheet: "directions", width: 256, seed: 0).filter { $0.name == "span" }.map(\.text)
        #expect(directionCaption == ["width 256", "directions: 87.5% self-consistent (3 tiles)",
                                     "neurons: 12.5% self-consistent (2 tiles)", "trustworthiness 0.930 (10 neighbours)"])
        let neuronCaption = inside(elements, sheet: "neurons", width: 16, seed: 2).filter { $0.name == "span" }.map(\.text)
        #expect(neuronCaption == ["width 16", "neurons: 25.0% self-consistent (2 tiles)"])
    }

    @Test func everyTileHasATooltipOverItsRectangle() throws {
        let elements = try elements()
        let mine = inside(elements, sheet: "directions", width: 16, seed: 0)
        let rects = mine.filter { $0.name == "rect" }
        #expect(rects.map { [$0.attributes["x"], $0.attributes["y"], $0.attributes["width"]] } == [
            ["0", "0", "4"], ["8", "0", "4"], ["4", "4", "4"],
        ])
        #expect(mine.filter { $0.name == "title" }.map(\.text) == [
            "label: high, network says: low, points: 12",
            "label: low, network says: low, points: 5",
            "label: high, network says: high, points: 7",
        ])
        let neuronTitles = inside(elements, sheet: "neurons", width: 16, seed: 0).filter { $0.name == "title" }.map(\.text)
        #expect(neuronTitles == ["label: low, network says: high, unit: 17", "label: high, network says: high, unit: 3"])
        // The overlay only catches the pointer: nothing of it is visible.
        #expect(rects.allSatisfy { $0.attributes["fill-opacity"] == "0" })
    }

    @Test func theLegendMapsFrameColoursToClassesInPaletteOrder() throws {
        let elements = try elements()
        let items = elements.filter { $0.name == "li" && $0.ancestorAttributes.contains { $0["class"] == "atlas-legend" } }
        #expect(items.map(\.text) == ["low", "high"])
        let swatches = elements.filter { $0.name == "span" && $0.attributes["class"] == "swatch" }.map { $0.attributes["style"] }
        #expect(swatches == ["background:#1f77b4", "background:#ff7f0e"])
        #expect(AtlasPalette.colour(13) == "#ff9896" && AtlasPalette.colour(20) == "#1f77b4" && AtlasPalette.colour(-1) == "#9edae5")
    }

    /// The frames are drawn by the worker's `ClassPalette` (Atlas module, which the coordinator
    /// does not link): its colour literals, read from the source, must be the legend's.
    @Test func theLegendsColoursAreTheWorkersFrameColours() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Atlas/Image/ClassPalette.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        let literals = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .filter { $0.hasPrefix("0x") && $0.count == 8 }.map { "#" + $0.dropFirst(2).lowercased() }
        #expect(literals.count == 20)
        #expect(literals == AtlasPalette.colours)
    }

    @Test func theIntroductionSaysWhatChanceIs() throws {
        let elements = try elements()
        #expect(elements.contains { $0.name == "p" && $0.text.contains("(chance: about 50.0%)") })
    }

    @Test func midSweepTheSectionShowsWhatIsStillToCome() throws {
        let cells = F.widths.flatMap { width in F.seeds.map { ReportFixtures.unfinished(width, $0, .queued) } }
        let elements = try elements(F.report(cells, store: nil))
        #expect(elements.contains { $0.name == "section" && $0.attributes["id"] == "atlas-coarse" })
        #expect(figures(elements, sheet: "directions", seed: 0).map { $0.attributes["data-width"] } == ["16", "64", "256"])
        #expect(elements.filter { $0.name == "span" && $0.text == "No atlas: queued" }.count == 2 * 2 * 3)
        #expect(!elements.contains { $0.name == "img" || $0.attributes["data-metric"] == "atlas.consistency" })
        #expect(!elements.contains { $0.attributes["class"] == "atlas-legend" })
    }

    @Test func consistencyAgainstWidthIsPlottedForDirectionsAndNeurons() throws {
        let elements = try elements()
        let svg = try #require(elements.first { $0.name == "svg" && $0.attributes["data-metric"] == "atlas.consistency" })
        #expect(svg.attributes["class"] == "plot")
        let lines = elements.filter { element in
            element.name == "path" && element.attributes["class"] == "line"
                && element.ancestorAttributes.contains { $0["data-metric"] == "atlas.consistency" }
        }
        #expect(lines.map { $0.attributes["data-series"] } == ["directions", "neurons"])
        let table = elements.filter { $0.name == "td" && $0.ancestorAttributes.contains { $0["data-metric"] == "atlas.consistency" } }
        #expect(table.map(\.text) == ["16", "2", "37.5%", "37.5%", "64", "2", "62.5%", "25.0%", "256", "1", "87.5%", "12.5%"])
    }

    @Test func aMissingImageIsAVisibleNoteAndTheRestStillRenders() throws {
        let key = F.key(64, 2)
        let elements = try elements(skipping: ["\(key)/\(F.directionsName)"])
        let mine = inside(elements, sheet: "directions", width: 64, seed: 2)
        #expect(!mine.contains { $0.name == "img" })
        #expect(mine.contains { $0.name == "span" && $0.text == "Image artifacts/\(key)/atlas-directions.png not shown: open failed: No such file or directory" })
        #expect(mine.contains { $0.name == "span" && $0.text == "directions: 75.0% self-consistent (3 tiles)" })
        #expect(inside(elements, sheet: "neurons", width: 64, seed: 2).contains { $0.name == "img" })
        #expect(elements.filter { $0.name == "img" }.count == 2 * 5 - 1)
    }

    @Test func aWidthWithoutAnAtlasInTheRowSaysWhy() throws {
        let elements = try elements()
        let mine = inside(elements, sheet: "directions", width: 256, seed: 2)
        #expect(mine.filter { $0.name == "span" }.map(\.text) == ["No atlas: queued", "width 256"])
    }

    @Test func aSweepWithoutAtlasesHasNoAtlasSection() throws {
        let report = ReportFixtures.report(ReportFixtures.aggregationCells(), widths: [16, 64], seeds: [0, 1, 2])
        let elements = try elements(report)
        #expect(!elements.contains { $0.attributes["id"]?.hasPrefix("atlas-") == true || $0.name == "img" })
        #expect(!elements.contains { $0.name == "a" && $0.attributes["href"]?.hasPrefix("#atlas-") == true })
    }

    @Test func theAtlasPageStillFetchesNothing() throws {
        for element in try elements() {
            #expect(!["script", "link", "iframe", "object", "embed", "image", "use"].contains(element.name), "\(element.name)")
            for (name, value) in element.attributes {
                #expect(!value.contains("http://") && !value.contains("https://"), "\(element.name) \(name)")
                if name == "src" { #expect(value.hasPrefix("data:image/png;base64,"), "\(element.name) src") }
            }
        }
    }
}

/// A sheet that names a mean-input companion shows it in the same figure, under the
/// visualisations, embedded byte for byte with the sheet's tile tooltips; a sheet without one
/// (a result of an older engine) shows only the visualisations.
struct ReportAtlasMeanImageTests {
    typealias F = ReportAtlasFixtures

    @Test func aMeanInputSheetIsShownUnderItsVisualisations() throws {
        let meansName = "atlas-directions-means.png"
        let html = try F.withSweepDirectory { directory in
            var cells = F.cells()
            for index in cells.indices where cells[index].result?.atlas != nil && cells[index].cell.width == 64 {
                cells[index].result?.atlas?.directions.meanImage = meansName
            }
            let store = try F.storeImages(of: cells, in: directory)
            for cell in cells where cell.result?.atlas?.directions.meanImage != nil {
                _ = try store.write(key: cell.key, name: meansName, data: F.neuronsPNG)
            }
            return HTMLReport(report: F.report(cells, store: store)).render()
        }
        // One mean-input image per width-64 atlas (seeds 0 and 2), with its label, and none elsewhere.
        #expect(html.components(separatedBy: "alt=\"\(meansName), width 64, seed ").count - 1 == 2)
        #expect(html.components(separatedBy: ">mean input of each cell</p>").count - 1 == 2)
        #expect(!html.contains("alt=\"\(meansName), width 16"))
        #expect(!html.contains(">mean of the inputs that excite each unit most</p>"))
        // The companion is the stored bytes, and carries the same tooltips as its sheet.
        let figure = try #require(html.components(separatedBy: "data-width=\"64\" data-seed=\"0\" data-sheet=\"directions\"").dropFirst().first)
        let body = try #require(figure.components(separatedBy: "</figure>").first)
        #expect(body.contains("data:image/png;base64," + F.directionsBase64))
        #expect(body.contains("data:image/png;base64," + F.neuronsBase64))
        #expect(body.components(separatedBy: "<title>").count - 1 == 2 * 3)   // three direction tiles, twice
    }
}
