import Foundation

/// Lexical path arithmetic, so a dataset path has one spelling and one cell key however it was
/// written (`/data/x/`, `/data//x`, `/data/y/../x` are all `/data/x`).
///
/// Symbolic links are deliberately not resolved: that would make a key depend on the file
/// system of the machine that parsed the spec.
enum FilePath {
    /// `path` made absolute against `base` (itself absolute) and normalised.
    static func absolute(_ path: String, base: String) -> String {
        normalize(path.hasPrefix("/") ? path : base + "/" + path)
    }

    /// Removes empty and `.` components and folds `..` into its parent (never above the root).
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The absolute directory holding `file`, which may be relative to the working directory.
    static func directory(of file: String) -> String {
        let full = absolute(file, base: FileManager.default.currentDirectoryPath)
        guard let slash = full.lastIndex(of: "/"), slash != full.startIndex else { return "/" }
        return String(full[..<slash])
    }
}
