import Testing
import Atlas
import Engine

/// UMAP.embed end to end: what a user of the atlas checks — clusters come out separate and
/// trustworthy, the layout is reproducible from its seed, and bad input is refused by name.
@Suite struct LayoutUMAPTests {
    @Test func separatedClustersComeOutSeparateAndTrustworthy() throws {
        // Ten ReLU-like Gaussian clusters in 50-D, 120 points each, with the default settings.
        let data = LayoutData.gaussianClusters(clusters: 10, perCluster: 120, dimensions: 50, spread: 0.6, seed: 1)
        var messages: [String] = []
        let layout = try UMAP.embed(data.points, seed: 42) { messages.append($0) }
        #expect(layout.rows == 1200 && layout.cols == 2)
        #expect(layout.values.allSatisfy { $0.isFinite })
        let trust = Trustworthiness.score(high: data.points, low: layout, neighbours: 10, metric: .cosine)
        #expect(trust >= 0.9)
        #expect(LayoutData.nearestNeighbourAgreement(layout, labels: data.labels) >= 0.95)
        #expect(messages.last == "UMAP epoch 200/200")
        // Repulsion keeps points from piling up: with minDistance 0.1 neighbours sit a few
        // hundredths apart (0.04 here); without it they collapse to ~0.001.
        var nearest: [Float] = []
        for i in 0..<layout.rows {
            var best = Float.infinity
            for j in 0..<layout.rows where j != i {
                let dx = layout[i, 0] - layout[j, 0], dy = layout[i, 1] - layout[j, 1]
                best = min(best, dx * dx + dy * dy)
            }
            nearest.append(best.squareRoot())
        }
        #expect(nearest.sorted()[nearest.count / 2] >= 0.01)
    }

    @Test func clustersJoinedInOneGraphAreStillPulledApart() throws {
        // Overlapping clusters make one connected graph (the single-component spectral start);
        // the layout must still keep most points beside their own kind.
        let data = LayoutData.gaussianClusters(clusters: 4, perCluster: 100, dimensions: 20, spread: 1.5, seed: 2)
        let layout = try UMAP.embed(data.points, settings: UMAPSettings(epochs: 100), seed: 3)
        #expect(Trustworthiness.score(high: data.points, low: layout, neighbours: 10, metric: .cosine) >= 0.85)
        #expect(LayoutData.nearestNeighbourAgreement(layout, labels: data.labels) >= 0.8)
    }

    @Test func theSameSeedGivesTheSameLayoutBitForBit() throws {
        let data = LayoutData.gaussianClusters(clusters: 3, perCluster: 100, dimensions: 20, spread: 0.8, seed: 4)
        let settings = UMAPSettings(epochs: 50)
        let first = try UMAP.embed(data.points, settings: settings, seed: 9)
        let second = try UMAP.embed(data.points, settings: settings, seed: 9)
        let other = try UMAP.embed(data.points, settings: settings, seed: 10)
        #expect(first.values == second.values)
        #expect(first.values != other.values)
    }

    @Test func silentRowsAndDuplicatesAreLaidOutTogether() throws {
        // 20 all-zero rows (dead inputs) and rows repeated exactly: every coordinate stays
        // finite, and each silent row's nearest layout neighbour is another silent row.
        let data = LayoutData.gaussianClusters(clusters: 3, perCluster: 60, dimensions: 16, spread: 0.5, seed: 5)
        let m = data.points
        for r in 0..<20 { for j in 0..<16 { m[r * 9, j] = 0 } }
        for j in 0..<16 { m[1, j] = m[4, j]; m[7, j] = m[4, j] }
        var labels = data.labels
        for r in 0..<20 { labels[r * 9] = -1 }
        let layout = try UMAP.embed(m, settings: UMAPSettings(epochs: 100), seed: 6)
        #expect(layout.values.allSatisfy { $0.isFinite })
        let silent = (0..<20).map { $0 * 9 }
        for r in silent {
            var nearest = -1, best = Float.infinity
            for q in 0..<m.rows where q != r {
                let dx = layout[r, 0] - layout[q, 0], dy = layout[r, 1] - layout[q, 1]
                if dx * dx + dy * dy < best { best = dx * dx + dy * dy; nearest = q }
            }
            #expect(labels[nearest] == -1)
        }
    }

    @Test func tooFewPointsAreRefusedWithTheNumberNeeded() {
        let m = Matrix(rows: 15, cols: 4, values: (0..<60).map { Float($0 % 7) + 1 })
        #expect(throws: AtlasError.tooFewPoints(n: 15, needed: 16)) { try UMAP.embed(m, seed: 1) }
        #expect(AtlasError.tooFewPoints(n: 15, needed: 16).description.contains("15 given, at least 16 needed"))
        #expect(throws: Never.self) { try UMAP.embed(m, settings: UMAPSettings(neighbours: 14, epochs: 5), seed: 1) }
    }

    @Test func aNaNIsRefusedWithItsPosition() {
        let m = Matrix(rows: 20, cols: 3, values: (0..<60).map { Float($0) })
        m[7, 2] = .nan
        #expect(throws: AtlasError.nonFinite(what: "point 7, coordinate 2 of the points to lay out")) {
            try UMAP.embed(m, seed: 1)
        }
        m[7, 2] = .infinity
        #expect(throws: AtlasError.self) { try UMAP.embed(m, seed: 1) }
    }

    @Test func settingsOutsideTheirRangeAreRefusedByName() {
        let m = Matrix(rows: 30, cols: 3, values: (0..<90).map { Float($0 % 11) })
        let bad: [(UMAPSettings, String)] = [
            (UMAPSettings(neighbours: 1), "neighbours"),
            (UMAPSettings(minDistance: 2), "minDistance"),
            (UMAPSettings(spread: 0), "spread"),
            (UMAPSettings(epochs: 0), "epochs"),
            (UMAPSettings(negativeSamples: -1), "negativeSamples"),
            (UMAPSettings(pcaDimensions: -1), "pcaDimensions"),
        ]
        for (settings, name) in bad {
            do {
                _ = try UMAP.embed(m, settings: settings, seed: 1)
                Issue.record("\(name) out of range was accepted")
            } catch let error as AtlasError {
                guard case .invalidSetting = error else { Issue.record("\(error)"); continue }
                #expect(error.description.hasPrefix("invalid setting: \(name)"))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        #expect(throws: AtlasError.noFeatures(what: "the points to lay out")) {
            try UMAP.embed(Matrix(rows: 30, cols: 0), seed: 1)
        }
    }
}
