/// The colours of the atlas tiles' frames, one per source class, for the legend: Tableau 10 and
/// its light variants (Tableau 20), wrapping after twenty classes.
///
/// The worker draws the frames with the Atlas module's `ClassPalette`; the coordinator does not
/// link that module (it does no numerics), so the list is repeated here, and a test compares the
/// two so the legend cannot drift from the images.
enum AtlasPalette {
    static let colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                          "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
                          "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5",
                          "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5"]

    /// The frame colour of class `label`.
    static func colour(_ label: Int) -> String {
        colours[((label % colours.count) + colours.count) % colours.count]
    }
}
