/// Escaping for the XHTML-compatible HTML and the SVG inside it: every text and attribute
/// value goes through `escape`, so a task name or an error message cannot break the markup.
enum Markup {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newline are not allowed in XML 1.0 at all.
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                   scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" {
                    out += "\u{FFFD}"
                } else {
                    out.append(character)
                }
            }
        }
        return out
    }

    /// `<tag a="v">escaped text</tag>`.
    static func element(_ tag: String, _ attributes: [(String, String)] = [], text: String) -> String {
        "<\(tag)\(attributeList(attributes))>\(escape(text))</\(tag)>"
    }

    /// ` a="v" b="w"`, values escaped.
    static func attributeList(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }
}
