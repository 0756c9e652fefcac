import Engine
import Glibc

/// One random robustness transform: rotate by `rotation` and zoom by `scale` about the image
/// centre, then shift by (`shiftX`, `shiftY`) pixels.
///
/// Redrawn every step for every image, so the ascent can only keep features that survive small
/// moves — the "transformation robustness" regulariser of Olah et al. 2017, which otherwise
/// yields pixel-aligned noise that the network reads but a person cannot.
struct WarpTransform: Sendable, Equatable {
    var shiftX: Double
    var shiftY: Double
    var scale: Double
    /// Radians, counter-clockwise in image coordinates.
    var rotation: Double

    static let identity = WarpTransform(shiftX: 0, shiftY: 0, scale: 1, rotation: 0)

    /// A transform drawn from `settings`: integer shifts in −jitter…jitter, scale uniform in the
    /// range, rotation uniform in ±rotationDegrees. Always draws four numbers, so a stream's later
    /// draws do not depend on the settings.
    static func random(_ settings: VisualisationSettings, _ rng: inout RandomStream) -> WarpTransform {
        let jitter = max(0, settings.jitterPixels)
        let sx = rng.nextInt(below: 2 * jitter + 1) - jitter
        let sy = rng.nextInt(below: 2 * jitter + 1) - jitter
        let range = settings.scaleRange
        let scale = Double(range.lowerBound) + Double(rng.nextUniform()) * Double(range.upperBound - range.lowerBound)
        let degrees = Double(settings.rotationDegrees) * (2 * Double(rng.nextUniform()) - 1)
        return WarpTransform(shiftX: Double(sx), shiftY: Double(sy), scale: scale, rotation: degrees * Double.pi / 180)
    }

    /// Where output pixel (x, y) samples the input — the inverse of shift ∘ zoom ∘ rotate about
    /// (centreX, centreY) — as the affine map sx = xx·x + xy·y + x0, sy = yx·x + yy·y + y0.
    func inverseMap(centreX: Double, centreY: Double)
        -> (xx: Double, xy: Double, x0: Double, yx: Double, yy: Double, y0: Double) {
        // u = x − centre − shift; source = centre + R(−θ)·u / scale.
        let c = cos(rotation) / scale, s = sin(rotation) / scale
        let ux = -centreX - shiftX, uy = -centreY - shiftY
        return (c, s, centreX + c * ux + s * uy, -s, c, centreY - s * ux + c * uy)
    }
}
