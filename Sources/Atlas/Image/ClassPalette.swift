/// Frame colours for class labels: distinguishable for up to 20 classes.
///
/// Labels 0–9 take Tableau 10 ("category10" in D3, `tab10` in matplotlib) and labels 10–19 take
/// the light variant of the same hue, in the same order: together the classic Tableau 20 palette
/// (Tableau Software, 2012; published as D3's `schemeCategory20` and matplotlib's `tab20`, where
/// dark and light alternate). The ten dark colours come first because most tasks have ten
/// classes, and those are the most distinct from one another and from a white background.
public enum ClassPalette {
    static let colors: [RGBColor] = [
        // Tableau 10.
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD,
        0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
        // Their light variants.
        0xAEC7E8, 0xFFBB78, 0x98DF8A, 0xFF9896, 0xC5B0D5,
        0xC49C94, 0xF7B6D2, 0xC7C7C7, 0xDBDB8D, 0x9EDAE5,
    ].map { (hex: UInt32) in
        RGBColor(red: UInt8(hex >> 16), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// The colour of class `label`; labels wrap around after 20 (and negative ones wrap too), so
    /// every integer has a colour but only 20 consecutive labels are guaranteed distinct.
    public static func color(_ label: Int) -> RGBColor {
        let n = colors.count
        return colors[((label % n) + n) % n]
    }
}
