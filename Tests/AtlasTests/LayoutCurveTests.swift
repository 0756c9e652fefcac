import Testing
@testable import Atlas

/// The layout kernel's a, b against umap-learn's find_ab_params (scipy curve_fit), from
/// Fixtures/layout/layout_fixtures.py.
@Suite struct LayoutCurveTests {
    @Test(arguments: [
        (1.0, 0.1, 1.5769434602697652, 0.8950608778515733),
        (1.0, 0.5, 0.5830300203414425, 1.3341669924314914),
        (2.0, 0.25, 0.41627349667013186, 0.9218551324072873),
        (1.0, 0.0, 1.93280839734315, 0.7904949732233831),
    ])
    func fitsTheSameCurveAsUmapLearn(spread: Double, minDistance: Double, a: Double, b: Double) {
        let curve = LayoutCurve(spread: spread, minDistance: minDistance)
        // MINPACK stops at a relative step of 1.5e-8; both sit on the same minimum to ~1e-7.
        #expect(abs(curve.a - a) < 1e-6 * a)
        #expect(abs(curve.b - b) < 1e-6 * b)
    }

    @Test func theDefaultCurveIsTheOneUmapDocuments() {
        // umap-learn's docs quote a ≈ 1.577, b ≈ 0.895 for spread 1, min_dist 0.1.
        let curve = LayoutCurve(spread: 1, minDistance: 0.1)
        #expect(abs(curve.a - 1.577) < 1e-3)
        #expect(abs(curve.b - 0.895) < 1e-3)
    }
}
