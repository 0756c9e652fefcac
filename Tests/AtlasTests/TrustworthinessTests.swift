import Testing
import Atlas
import Engine

/// Trustworthiness against sklearn.manifold.trustworthiness on the fixture data
/// (Fixtures/layout/layout_fixtures.py; values in layout_fixtures.txt, sklearn 1.9.1).
@Suite struct TrustworthinessTests {
    let points = LayoutData.fixturePoints()

    @Test(arguments: [
        (NeighbourMetric.euclidean, 3, 0.9462222222222222),
        (.euclidean, 5, 0.9696969696969697),
        (.cosine, 3, 0.9391111111111111),
        (.cosine, 5, 0.9645454545454546),
    ])
    func aProjectionScoresWhatSklearnScores(metric: NeighbourMetric, k: Int, expected: Double) {
        let score = Trustworthiness.score(high: points, low: LayoutData.firstTwoColumns(points),
                                          neighbours: k, metric: metric)
        // A sum of integer ranks: the only error is the last bit of the division.
        #expect(abs(score - expected) < 1e-12)
    }

    @Test(arguments: [
        (NeighbourMetric.euclidean, 3, 0.508888888888889),
        (.euclidean, 5, 0.5318181818181817),
        (.cosine, 3, 0.5022222222222221),
        (.cosine, 5, 0.5281818181818182),
    ])
    func anUnrelatedLayoutScoresWhatSklearnScores(metric: NeighbourMetric, k: Int, expected: Double) {
        let score = Trustworthiness.score(high: points, low: LayoutData.fixtureScrambledLayout(),
                                          neighbours: k, metric: metric)
        #expect(abs(score - expected) < 1e-12)
    }

    @Test func theIdentityEmbeddingIsFullyTrustworthy() {
        let data = LayoutData.gaussianClusters(clusters: 4, perCluster: 25, dimensions: 6, spread: 0.7, seed: 3)
        #expect(Trustworthiness.score(high: data.points, low: data.points, neighbours: 10, metric: .euclidean) == 1)
    }

    @Test func aRandomLayoutOfClusteredDataScoresClearlyLowerThanAFaithfulOne() {
        // 4 clusters in 6-D: the first two coordinates separate them only partly; a random
        // layout not at all.
        let data = LayoutData.gaussianClusters(clusters: 4, perCluster: 50, dimensions: 6, spread: 0.5, seed: 5)
        var rng = RandomStream(seed: 9)
        let random = Matrix(rows: data.points.rows, cols: 2)
        for i in 0..<random.count { random.base[i] = rng.nextUniform() }
        let faithful = Trustworthiness.score(high: data.points, low: LayoutData.firstTwoColumns(data.points),
                                             neighbours: 10, metric: .cosine)
        let scrambled = Trustworthiness.score(high: data.points, low: random, neighbours: 10, metric: .cosine)
        #expect(scrambled < 0.6)
        #expect(faithful > scrambled + 0.2)
    }

    @Test func scaleDoesNotMatterUnderCosineButDoesUnderEuclidean() {
        // Rescaling each point changes Euclidean neighbours, not cosine ones.
        let data = LayoutData.gaussianClusters(clusters: 3, perCluster: 20, dimensions: 5, spread: 0.4, seed: 8)
        let scaled = Matrix(rows: data.points.rows, cols: data.points.cols)
        for i in 0..<scaled.rows { for j in 0..<scaled.cols { scaled[i, j] = data.points[i, j] * Float(1 + i % 7) } }
        let layout = LayoutData.firstTwoColumns(data.points)
        let cosine = Trustworthiness.score(high: data.points, low: layout, neighbours: 5, metric: .cosine)
        #expect(Trustworthiness.score(high: scaled, low: layout, neighbours: 5, metric: .cosine) == cosine)
        #expect(Trustworthiness.score(high: scaled, low: layout, neighbours: 5, metric: .euclidean)
                != Trustworthiness.score(high: data.points, low: layout, neighbours: 5, metric: .euclidean))
    }
}
