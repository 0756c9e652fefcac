/// Accumulates the report's markup; every piece of text passes through `Markup.escape`.
struct HTMLPage {
    private(set) var text = ""

    /// Markup written by the report itself, never data.
    mutating func raw(_ markup: String) {
        text += markup
    }

    mutating func element(_ tag: String, _ content: String, class name: String? = nil) {
        text += Markup.element(tag, name.map { [("class", $0)] } ?? [], text: content)
    }

    mutating func list(_ items: [String], class name: String) {
        text += "<ul class=\"\(Markup.escape(name))\">"
        for item in items { text += Markup.element("li", text: item) }
        text += "</ul>"
    }

    mutating func definitions(_ rows: [(String, String)]) {
        text += "<dl>"
        for (term, value) in rows { text += Markup.element("dt", text: term) + Markup.element("dd", text: value) }
        text += "</dl>"
    }

    /// A table; `numericColumns` are right-aligned, `preformattedColumn` keeps line breaks
    /// (error messages), `data` becomes `data-metric` for finding the table again.
    mutating func table(header: [String], rows: [[String]], numericColumns: Set<Int> = [],
                        preformattedColumn: Int? = nil, data: String? = nil, variant: String? = nil) {
        let attributes = (data.map { [("data-metric", $0)] } ?? []) + (variant.map { [("data-variant", $0)] } ?? [])
        text += "<table\(Markup.attributeList(attributes))><thead><tr>"
        for (index, cell) in header.enumerated() {
            text += Markup.element("th", numericColumns.contains(index) ? [("class", "num")] : [], text: cell)
        }
        text += "</tr></thead><tbody>"
        for row in rows {
            text += "<tr>"
            for (index, cell) in row.enumerated() {
                var attributes: [(String, String)] = []
                if numericColumns.contains(index) { attributes.append(("class", "num")) }
                if index == preformattedColumn { attributes.append(("class", "pre")) }
                text += Markup.element("td", attributes, text: cell)
            }
            text += "</tr>"
        }
        text += "</tbody></table>"
    }
}
