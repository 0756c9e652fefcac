/// Versions that enter every cell key: bump `engine` whenever a change alters any number a cell
/// produces, so stored results are never mixed with results of a different engine.
public enum WidthsweepVersion {
    public static let engine = "0.4.0"
}
