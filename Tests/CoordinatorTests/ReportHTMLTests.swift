@testable import Coordinator
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// index.html is well-formed XML (XHTML-compatible HTML5), holds one `<svg>` per plot with the
/// series the plot promises, and references nothing outside itself (docs/report.md: self-contained).
struct ReportHTMLTests {
    /// Every element with its attributes and the text directly inside it, in document order.
    final class Collector: NSObject, XMLParserDelegate {
        struct Element {
            var name: String
            var attributes: [String: String]
            /// Names of the open elements around it, outermost first.
            var ancestors: [String]
            var ancestorAttributes: [[String: String]]
            var text = ""
        }

        var elements: [Element] = []
        private var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append(Element(name: name, attributes: attributes, ancestors: open.map { elements[$0].name },
                                    ancestorAttributes: open.map { elements[$0].attributes }))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }
    }

    /// The aggregation fixture plus a failed cell whose error holds markup characters.
    private func html() -> String {
        var cells = ReportFixtures.aggregationCells()
        cells.append(ReportFixtures.unfinished(128, 0, .failed, problem: "worker said <boom> & \"quit\"\nsecond line"))
        let report = ReportFixtures.report(cells, widths: [16, 64, 128], seeds: [0, 1, 2])
        return HTMLReport(report: report).render()
    }

    private func parse(_ html: String) throws -> Collector {
        let parser = XMLParser(data: Data(html.utf8))
        let collector = Collector()
        parser.delegate = collector
        let parsed = parser.parse()
        #expect(parsed, "not well-formed: \(parser.parserError.map { "\($0)" } ?? "?") at line \(parser.lineNumber)")
        try #require(parsed)
        return collector
    }

    @Test func thePageIsWellFormedXML() throws {
        let elements = try parse(html()).elements
        #expect(elements.first?.name == "html")
    }

    @Test func thereIsOneSVGPerPlotWithItsMetric() throws {
        let svgs = try parse(html()).elements.filter { $0.name == "svg" }.compactMap { $0.attributes["data-metric"] }
        // One target (fine), source accuracy, and the six hidden-state metrics (the fixture has fine probes).
        #expect(svgs == ["transfer.fine", "source.testAccuracy", "information.reconstructionR2", "information.fineProbeAccuracy",
                         "information.participationRatio", "information.collapseRatio", "information.neuronSelectivity",
                         "information.directionSelectivity"])
    }

    @Test func theTransferPlotHasATrainedAndADashedControlLineWithBandsPerBudget() throws {
        let paths = try parse(html()).elements.filter { element in
            element.name == "path" && element.ancestorAttributes.contains { $0["data-metric"] == "transfer.fine" }
        }
        for budget in ["10", "all"] {
            let mine = paths.filter { $0.attributes["data-group"] == budget }
            let trainedLine = mine.first { $0.attributes["data-series"] == "trained" && $0.attributes["class"] == "line" }
            let controlLine = mine.first { $0.attributes["data-series"] == "control" && $0.attributes["class"] == "line" }
            #expect(trainedLine != nil && trainedLine?.attributes["stroke-dasharray"] == nil, "budget \(budget)")
            #expect(controlLine?.attributes["stroke-dasharray"] != nil, "budget \(budget)")
            #expect(mine.contains { $0.attributes["data-series"] == "trained" && $0.attributes["class"] == "band" }, "budget \(budget)")
            #expect(mine.contains { $0.attributes["data-series"] == "control" && $0.attributes["class"] == "band" }, "budget \(budget)")
        }
    }

    @Test func nothingIsFetchedFromTheNetworkOrRunAsScript() throws {
        let elements = try parse(html()).elements
        for element in elements {
            #expect(!["script", "link", "img", "iframe", "object", "embed", "image", "use"].contains(element.name), "\(element.name)")
            for (name, value) in element.attributes {
                #expect(!value.contains("http://") && !value.contains("https://"), "\(element.name) \(name)=\(value)")
                #expect(!name.lowercased().hasPrefix("on"), "event handler \(name) on \(element.name)")
            }
        }
        let style = elements.filter { $0.name == "style" }.map(\.text).joined()
        #expect(!style.isEmpty && !style.contains("url(") && !style.contains("@import"))
    }

    @Test func errorMessagesAreEscapedAndReadBackVerbatim() throws {
        let cells = try parse(html()).elements.filter { $0.name == "td" }.map(\.text)
        #expect(cells.contains("worker said <boom> & \"quit\"\nsecond line"))
    }

    @Test func theParameterizationAndTheSpecAppear() throws {
        let elements = try parse(html()).elements
        #expect(elements.contains { $0.name == "dd" && $0.text == "μP (base width 16)" })
        #expect(elements.contains { $0.name == "pre" && $0.text.contains("parameterization: mup") })
    }

    @Test func aSweepWithoutResultsYetRendersWithEmptyPlotsAndSaysSo() throws {
        let cells = [16, 64].flatMap { width in [0, 1].map { ReportFixtures.unfinished(width, $0, .queued) } }
        let report = ReportFixtures.report(cells, widths: [16, 64], seeds: [0, 1])
        let elements = try parse(HTMLReport(report: report).render()).elements
        #expect(elements.filter { $0.name == "svg" }.count == 7)  // no result has a fine probe yet
        #expect(!elements.contains { $0.name == "path" && $0.attributes["class"] == "line" })
        let headline = elements.filter { $0.name == "li" && $0.ancestorAttributes.contains { $0["class"] == "headline" } }.map(\.text)
        #expect(headline.first == "0 of 4 cells count (4 queued).")
        #expect(headline.contains("Transfer accuracy on fine (10 per class): no values yet."))
    }

    @Test func determinismWarningsGetASection() throws {
        let events = [Journal.EventRow(time: 1, kind: "determinismWarning", key: ReportFixtures.aggregationCells()[0].key,
                                       attempt: nil, worker: "w2", detail: "transfer[0].trained.accuracy differs")]
        let report = ReportFixtures.report(ReportFixtures.aggregationCells(), widths: [16, 64], seeds: [0, 1, 2], events: events)
        let elements = try parse(HTMLReport(report: report).render()).elements
        #expect(elements.contains { $0.name == "section" && $0.attributes["id"] == "determinism" })
        #expect(elements.contains { $0.name == "td" && $0.text == "coarse/w64/s0" })
    }
}
