/// The colours of the atlas tiles' frames, one per source class: Tableau 10 in order, wrapping
/// after ten classes. The worker draws the frames with the same list (the Atlas module's
/// `ClassPalette`); the coordinator does not link that module, so the list is repeated here and
/// the legend is only right while the two agree.
enum AtlasPalette {
    static let colours = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    /// The frame colour of class `label`.
    static func colour(_ label: Int) -> String {
        colours[((label % colours.count) + colours.count) % colours.count]
    }
}
