import Foundation

/// One plot of a quantity against log₂ width as inline SVG: a line per series through the
/// per-width means, a translucent band for each 95% interval, the control dashed. Pure markup —
/// no scripts, no fonts, no external references — so the report reads offline and in print.
///
/// Every band, line and marker carries `data-series` (and `data-group` when several budgets
/// share a plot), so tests and scripts can find a series without reading coordinates.
struct SVGPlot {
    struct Point {
        var width: Int
        var mean: Double
        var low: Double?
        var high: Double?
    }

    struct Series {
        /// `data-series`: "trained", "control", "difference", "reference".
        var kind: String
        /// `data-group`, e.g. the budget; nil when the plot has one group.
        var group: String?
        var label: String
        var colour: Int
        var dashed: Bool
        var points: [Point]
    }

    var title: String
    /// `data-metric` on the `<svg>`.
    var metric: String
    var yLabel: String
    var widths: [Int]
    var series: [Series]
    /// A horizontal line, e.g. the source target accuracy.
    var reference: (value: Double, label: String)?
    /// Tick labels in percent (values are fractions) or as plain numbers.
    var percent: Bool

    /// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and in grey print.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    private let size = (width: 640.0, height: 340.0)
    private let margin = (left: 64.0, right: 190.0, top: 30.0, bottom: 46.0)

    init(title: String, metric: String, yLabel: String, widths: [Int], series: [Series],
         reference: (value: Double, label: String)? = nil, percent: Bool) {
        self.title = title
        self.metric = metric
        self.yLabel = yLabel
        self.widths = widths.sorted()
        self.series = series
        self.reference = reference
        self.percent = percent
    }

    func render() -> String {
        let (low, high) = yRange()
        let ticks = Self.ticks(low: low, high: high)
        let yMin = min(low, ticks.first ?? low), yMax = max(high, ticks.last ?? high)
        let plotRight = size.width - margin.right, plotBottom = size.height - margin.bottom
        func y(_ value: Double) -> Double {
            yMax > yMin ? plotBottom - (value - yMin) / (yMax - yMin) * (plotBottom - margin.top) : (plotBottom + margin.top) / 2
        }
        var out = "<svg class=\"plot\" viewBox=\"0 0 \(Int(size.width)) \(Int(size.height))\" role=\"img\""
            + Markup.attributeList([("data-metric", metric), ("aria-label", title)]) + ">"
        out += Markup.element("title", text: title)
        out += "<rect class=\"frame\" x=\"\(f(margin.left))\" y=\"\(f(margin.top))\" width=\"\(f(plotRight - margin.left))\" "
            + "height=\"\(f(plotBottom - margin.top))\" fill=\"none\" stroke=\"#999\"/>"
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        for tick in ticks {
            out += "<line class=\"grid\" x1=\"\(f(margin.left))\" x2=\"\(f(plotRight))\" y1=\"\(f(y(tick)))\" y2=\"\(f(y(tick)))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(f(margin.left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(Markup.escape(label(tick, step: step)))</text>"
        }
        for width in widths {
            out += "<text x=\"\(f(x(width)))\" y=\"\(f(plotBottom + 16))\" text-anchor=\"middle\">\(width)</text>"
        }
        out += "<text x=\"\(f((margin.left + plotRight) / 2))\" y=\"\(f(size.height - 8))\" text-anchor=\"middle\">width (log₂ scale)</text>"
        out += "<text x=\"14\" y=\"\(f((margin.top + plotBottom) / 2))\" text-anchor=\"middle\" "
            + "transform=\"rotate(-90 14 \(f((margin.top + plotBottom) / 2)))\">\(Markup.escape(yLabel))</text>"
        out += Markup.element("text", [("x", f(margin.left)), ("y", "18"), ("class", "plot-title")], text: title)
        if let reference {
            out += "<path data-series=\"reference\" d=\"M\(f(margin.left)) \(f(y(reference.value)))H\(f(plotRight))\" "
                + "stroke=\"#777\" stroke-dasharray=\"2 3\" fill=\"none\"/>"
        }
        for series in series { out += band(series, y: y) }
        for series in series { out += line(series, y: y) }
        out += legend()
        return out + "</svg>"
    }

    /// A tick label with as many decimals as the tick spacing needs: "80%", "0.25", "1200".
    private func label(_ value: Double, step: Double) -> String {
        let scale = percent ? 100.0 : 1
        let decimals = max(0, Int(-floor(log10(step * scale) + 1e-9)))
        let text = String(format: "%.\(decimals)f", value * scale)
        return (text.hasPrefix("-") ? "−" + text.dropFirst() : text) + (percent ? "%" : "")
    }

    /// x of a width: evenly spaced in log₂ width, which is how the sweep spaces its widths.
    private func x(_ width: Int) -> Double {
        let plotRight = size.width - margin.right
        guard let first = widths.first, let last = widths.last, last > first else { return (margin.left + plotRight) / 2 }
        let span = log2(Double(last)) - log2(Double(first))
        let inset = 16.0
        return margin.left + inset + (log2(Double(width)) - log2(Double(first))) / span * (plotRight - margin.left - 2 * inset)
    }

    private func band(_ series: Series, y: (Double) -> Double) -> String {
        let points = series.points.sorted { $0.width < $1.width }
        guard points.count > 1, points.contains(where: { $0.low != nil }) else { return "" }
        let upper = points.map { "\(f(x($0.width))) \(f(y($0.high ?? $0.mean)))" }
        let lower = points.reversed().map { "\(f(x($0.width))) \(f(y($0.low ?? $0.mean)))" }
        let d = "M" + upper.joined(separator: "L") + "L" + lower.joined(separator: "L") + "Z"
        return "<path class=\"band\"\(identity(series)) d=\"\(d)\" fill=\"\(colour(series))\" fill-opacity=\"\(series.dashed ? "0.08" : "0.18")\" stroke=\"none\"/>"
    }

    private func line(_ series: Series, y: (Double) -> Double) -> String {
        let points = series.points.sorted { $0.width < $1.width }
        guard !points.isEmpty else { return "" }
        let d = "M" + points.map { "\(f(x($0.width))) \(f(y($0.mean)))" }.joined(separator: "L")
        var out = "<path class=\"line\"\(identity(series)) d=\"\(d)\" fill=\"none\" stroke=\"\(colour(series))\" stroke-width=\"2\""
            + (series.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>"
        for point in points {
            // Markers also show a width that has a single value (a one-point line draws nothing).
            out += "<circle\(identity(series)) cx=\"\(f(x(point.width)))\" cy=\"\(f(y(point.mean)))\" r=\"3\" "
                + (series.dashed ? "fill=\"#fff\" stroke=\"\(colour(series))\"" : "fill=\"\(colour(series))\"") + "/>"
        }
        return out
    }

    private func legend() -> String {
        var out = ""
        let left = size.width - margin.right + 14
        var row = 0.0
        for series in series {
            let top = margin.top + 8 + row * 18
            out += "<path\(identity(series)) d=\"M\(f(left)) \(f(top))H\(f(left + 24))\" stroke=\"\(colour(series))\" stroke-width=\"2\""
                + (series.dashed ? " stroke-dasharray=\"6 4\"" : "") + " fill=\"none\"/>"
            out += Markup.element("text", [("x", f(left + 30)), ("y", f(top + 4))], text: series.label)
            row += 1
        }
        if let reference {
            let top = margin.top + 8 + row * 18
            out += "<path d=\"M\(f(left)) \(f(top))H\(f(left + 24))\" stroke=\"#777\" stroke-dasharray=\"2 3\" fill=\"none\"/>"
            out += Markup.element("text", [("x", f(left + 30)), ("y", f(top + 4))], text: reference.label)
        }
        return out
    }

    private func identity(_ series: Series) -> String {
        Markup.attributeList([("data-series", series.kind)] + (series.group.map { [("data-group", $0)] } ?? []))
    }

    private func colour(_ series: Series) -> String {
        Self.palette[series.colour % Self.palette.count]
    }

    /// The values to show: means and interval ends, and the reference line.
    private func yRange() -> (Double, Double) {
        var values = series.flatMap { $0.points.flatMap { [$0.mean, $0.low, $0.high].compactMap { $0 } } }
        if let reference { values.append(reference.value) }
        guard var low = values.min(), var high = values.max() else { return (0, 1) }
        if high - low < 1e-9 {
            let pad = max(abs(low) * 0.05, 1e-3)
            low -= pad
            high += pad
        }
        return (low, high)
    }

    /// About five round ticks (1, 2 or 5 × 10ᵏ apart) covering [low, high].
    static func ticks(low: Double, high: Double) -> [Double] {
        guard high > low, low.isFinite, high.isFinite else { return [low] }
        let raw = (high - low) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = floor(low / step) * step, last = ceil(high / step) * step
        return stride(from: first, through: last + step / 2, by: step).map { abs($0) < step * 1e-9 ? 0 : $0 }
    }

    /// Coordinates to a tenth of a unit: enough at this size, and short markup.
    private func f(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
