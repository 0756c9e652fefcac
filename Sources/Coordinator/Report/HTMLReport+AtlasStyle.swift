/// Styling of the atlas sections: rows of images drawn with hard pixel edges (tiles are small;
/// smoothing would blur the visualisations into each other), each at least `atlasMinimumWidth`
/// wide so a 28-pixel tile stays legible; a row wider than the page scrolls sideways, keeping
/// the widths side by side and each neuron sheet under its atlas.
extension HTMLReport {
    /// CSS width below which a 20 × 20 atlas's tiles become too small to read.
    static let atlasMinimumWidth = "22rem"

    static let atlasStyle = """
        .atlas-legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1.1rem;font-size:.85rem}
        .atlas-legend .swatch{display:inline-block;width:.85rem;height:.85rem;margin-right:.35rem;\
        vertical-align:-.1rem;border-radius:2px}
        .atlas-row-label{margin:.6rem 0 .2rem;font-size:.85rem;color:#555}
        .atlas-means-label{margin:.3rem 0 .15rem;font-size:.75rem;color:#666}
        .atlas-row{display:grid;gap:.6rem;align-items:start;overflow-x:auto;padding-bottom:.3rem}
        figure.atlas{margin:0;min-width:0}
        .atlas-image{position:relative;line-height:0}
        .atlas-image img{display:block;width:100%;height:auto;image-rendering:pixelated}
        .atlas-image svg{position:absolute;left:0;top:0;width:100%;height:100%}
        .atlas-image rect:hover{fill-opacity:.3}
        .atlas-missing{display:flex;align-items:center;justify-content:center;min-height:4rem;padding:.4rem;\
        background:#f6f6f6;border:1px dashed #bbb;color:#555;font-size:.8rem;text-align:center;overflow-wrap:anywhere}
        figure.atlas figcaption{font-size:.8rem;line-height:1.3;margin-top:.25rem}
        figure.atlas figcaption span{display:block}
        figure.atlas .atlas-width{font-weight:600}
        figure.atlas .atlas-flag{color:#a33}
        @media print{.atlas-row{break-inside:avoid}}
        """
}
