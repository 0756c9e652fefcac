import Testing
import Glibc
@testable import Atlas
import Engine

/// The neighbour graph: exact neighbours, the local scales σ, ρ and the fuzzy union, against a
/// brute-force search and umap-learn 0.5.12's smooth_knn_dist and fuzzy_simplicial_set
/// (Fixtures/layout/layout_fixtures.py, k = 5 on the 30 fixture points).
@Suite struct LayoutGraphTests {
    let points = LayoutData.fixturePoints()

    @Test func exactNeighboursAgreeWithABruteForceSearchInDouble() {
        let data = LayoutData.gaussianClusters(clusters: 3, perCluster: 40, dimensions: 7, spread: 0.8, seed: 2)
        let m = data.points, n = m.rows, k = 6
        let table = ExactNeighbours.search(m, count: k, includeSelf: true)
        for i in 0..<n {
            let reference = (0..<n).filter { $0 != i }.map { j -> (Double, Int) in
                var sum = 0.0
                for c in 0..<m.cols { let t = Double(m[i, c]) - Double(m[j, c]); sum += t * t }
                return (sum.squareRoot(), j)
            }.sorted { $0 < $1 }
            #expect(table.indices[i * k] == Int32(i) && table.distances[i * k] == 0)
            for c in 1..<k {
                #expect(Int(table.indices[i * k + c]) == reference[c - 1].1)
                #expect(abs(Double(table.distances[i * k + c]) - reference[c - 1].0) < 1e-5)
            }
        }
    }

    @Test func duplicatePointsAreOrderedByIndexAfterThePointItself() {
        // Points 1, 2 and 3 coincide: for point 2, itself first, then 1 and 3 at distance 0.
        let m = Matrix(rows: 5, cols: 2, values: [0, 0, 1, 1, 1, 1, 1, 1, 5, 5])
        let table = ExactNeighbours.search(m, count: 3, includeSelf: true)
        #expect(Array(table.indices[6..<9]) == [2, 1, 3])
        #expect(Array(table.distances[6..<9]) == [0, 0, 0])
    }

    @Test func membershipsOfEveryPointSumToLog2K() {
        // smooth_knn_dist's defining property: Σⱼ exp(−max(0, dⱼ − ρ)/σ) over the k − 1 others = log₂ k.
        let data = LayoutData.gaussianClusters(clusters: 5, perCluster: 60, dimensions: 10, spread: 1, seed: 4)
        let k = 15
        let table = ExactNeighbours.search(data.points, count: k, includeSelf: true)
        let scales = SmoothNeighbourDistances(table)
        for i in 0..<data.points.rows {
            var sum = 0.0
            for c in 1..<k {
                let excess = Double(table.distances[i * k + c]) - Double(scales.rhos[i])
                sum += excess > 0 ? exp(-excess / Double(scales.sigmas[i])) : 1
            }
            #expect(abs(sum - log2(Double(k))) < 1e-4)
            #expect(scales.rhos[i] == table.distances[i * k + 1])
        }
    }

    @Test func localScalesMatchUmapLearn() {
        let table = ExactNeighbours.search(points, count: 5, includeSelf: true)
        let scales = SmoothNeighbourDistances(table)
        let sigmas: [Float] = [0.13155746459960938, 0.16819381713867188, 0.009958744049072266, 0.02480792999267578, 0.11430740356445312, 0.09789085388183594, 0.06775665283203125, 0.113616943359375, 0.10186195373535156, 0.145050048828125, 0.1107635498046875, 0.04516124725341797, 0.07105636596679688, 0.048485755920410156, 0.030460357666015625, 0.1064910888671875, 0.04161548614501953, 0.09865379333496094, 0.0944976806640625, 0.054779052734375, 0.05173683166503906, 0.0643768310546875, 0.11081695556640625, 0.011790275573730469, 0.06888103485107422, 0.13859939575195312, 0.02216625213623047, 0.07891082763671875, 0.041316986083984375, 0.008791685104370117]
        let rhos: [Float] = [0.0833146870136261, 0.09542296826839447, 0.12892451882362366, 0.12190588563680649, 0.13284370303153992, 0.07477936148643494, 0.12021740525960922, 0.13284370303153992, 0.07477936148643494, 0.0833146870136261, 0.09902700036764145, 0.22693082690238953, 0.11000934988260269, 0.19381430745124817, 0.23622345924377441, 0.16023942828178406, 0.16482192277908325, 0.10846047103404999, 0.12190588563680649, 0.2115090936422348, 0.10846047103404999, 0.11000934988260269, 0.09902700036764145, 0.22658982872962952, 0.12021740525960922, 0.09542296826839447, 0.17849647998809814, 0.16023942828178406, 0.14483486115932465, 0.16812798380851746]
        for i in 0..<30 {
            #expect(abs(scales.rhos[i] - rhos[i]) <= 1e-6 * rhos[i])
            // Both bisect to the same tolerance from the same start; float32 distances may end
            // the bisection one step apart.
            #expect(abs(scales.sigmas[i] - sigmas[i]) <= 1e-4 * sigmas[i])
        }
    }

    @Test func theFuzzyUnionMatchesUmapLearn() {
        let table = ExactNeighbours.search(points, count: 5, includeSelf: true)
        let graph = FuzzySimplicialSet.graph(table, scales: SmoothNeighbourDistances(table))
        let rows: [Int] = [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 8, 8, 9, 9, 9, 9, 9, 10, 10, 10, 10, 11, 11, 11, 11, 12, 12, 12, 12, 12, 13, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 16, 16, 16, 16, 16, 17, 17, 17, 17, 18, 18, 18, 18, 18, 18, 19, 19, 19, 19, 20, 20, 20, 20, 20, 20, 20, 21, 21, 21, 21, 21, 21, 21, 21, 22, 22, 22, 22, 22, 22, 23, 23, 23, 23, 24, 24, 24, 24, 25, 25, 25, 25, 25, 26, 26, 26, 26, 26, 26, 27, 27, 27, 27, 28, 28, 28, 28, 29, 29, 29, 29, 29, 29, 29, 29]
        let columns: [Int32] = [3, 9, 18, 21, 16, 19, 22, 25, 28, 5, 8, 11, 14, 17, 20, 23, 26, 29, 0, 6, 9, 12, 15, 18, 21, 24, 27, 7, 13, 16, 25, 2, 8, 11, 20, 29, 3, 12, 18, 21, 24, 4, 13, 16, 25, 2, 5, 20, 23, 29, 0, 3, 15, 18, 21, 16, 19, 22, 28, 2, 5, 23, 26, 3, 6, 21, 24, 27, 4, 7, 16, 22, 2, 20, 26, 29, 3, 9, 18, 27, 1, 4, 7, 10, 13, 22, 25, 28, 2, 20, 26, 29, 0, 3, 6, 9, 15, 21, 1, 10, 22, 25, 2, 5, 8, 14, 17, 26, 29, 0, 3, 6, 9, 12, 18, 24, 27, 1, 10, 13, 16, 19, 28, 2, 8, 11, 29, 3, 6, 12, 21, 1, 4, 7, 16, 19, 2, 11, 14, 17, 20, 29, 3, 12, 15, 21, 1, 10, 16, 22, 2, 5, 8, 14, 17, 20, 23, 26]
        let weights: [Float] = [0.7081129550933838, 1.0, 0.5825164318084717, 0.37834569811820984, 0.4243450164794922, 0.3852893114089966, 0.4765639305114746, 1.0, 0.47760987281799316, 0.7023083567619324, 0.9703989624977112, 0.6024301648139954, 1.0, 0.4959091246128082, 1.0, 1.0, 0.2682984173297882, 0.7194229364395142, 0.7081129550933838, 0.3971259295940399, 0.6955535411834717, 0.37050434947013855, 0.48274946212768555, 1.0, 0.9508838057518005, 0.4028382897377014, 0.3642244040966034, 1.0, 0.8035280704498291, 0.3766513764858246, 0.6827313899993896, 0.7023083567619324, 1.0, 0.1920548528432846, 0.6283130049705505, 1.0, 0.3971259295940399, 0.7094604969024658, 0.7555850148200989, 0.29831328988075256, 1.0, 1.0, 0.6564944982528687, 0.32403358817100525, 0.7954103946685791, 0.9703989624977112, 1.0, 0.5560643076896667, 0.19613252580165863, 0.35898318886756897, 1.0, 0.6955535411834717, 0.43942731618881226, 0.3653583526611328, 0.3566083014011383, 0.6100112199783325, 0.7090924382209778, 1.0, 1.0, 0.6024301648139954, 0.1920548528432846, 1.0, 0.5274384021759033, 0.37050434947013855, 0.7094604969024658, 1.0, 0.8000029921531677, 0.41902440786361694, 0.8035280704498291, 0.6564944982528687, 1.0, 0.27680960297584534, 1.0, 0.19530151784420013, 0.14155025780200958, 0.985077440738678, 0.48274946212768555, 0.43942731618881226, 0.3997606039047241, 1.0, 0.4243450164794922, 0.3766513764858246, 0.32403358817100525, 0.6100112199783325, 1.0, 0.6773727536201477, 0.418201744556427, 0.9999999403953552, 0.4959091246128082, 1.0, 0.8115923404693604, 0.37832310795783997, 0.5825164318084717, 1.0, 0.7555850148200989, 0.3653583526611328, 0.3997606039047241, 0.40365657210350037, 0.3852893114089966, 0.7090924382209778, 1.0, 0.34087660908699036, 1.0, 0.6283130049705505, 0.5560643076896667, 0.19530151784420013, 1.0, 0.3947450816631317, 0.2991560697555542, 0.37834569811820984, 0.9508838057518005, 0.29831328988075256, 0.3566083014011383, 1.0, 0.40365657210350037, 0.5080080032348633, 0.5386735796928406, 0.4765639305114746, 1.0, 0.27680960297584534, 0.6773727536201477, 1.0, 0.8232178092002869, 1.0, 0.19613252580165863, 1.0, 0.15430469810962677, 0.4028382897377014, 1.0, 0.8000029921531677, 0.5080080032348633, 1.0, 0.6827313899993896, 0.7954103946685791, 0.418201744556427, 0.34087660908699036, 0.2682984173297882, 0.5274384021759033, 0.14155025780200958, 0.8115923404693604, 0.3947450816631317, 0.9999999403953552, 0.3642244040966034, 0.41902440786361694, 1.0, 0.5386735796928406, 0.47760987281799316, 1.0, 0.9999999403953552, 0.8232178092002869, 0.7194229364395142, 1.0, 0.35898318886756897, 0.985077440738678, 0.37832310795783997, 0.2991560697555542, 0.15430469810962677, 0.9999999403953552]
        #expect(graph.entries == weights.count)
        #expect(graph.rowStart == (0...30).map { r in rows.filter { $0 < r }.count })
        #expect(graph.columns == columns)
        for e in 0..<min(graph.entries, weights.count) {
            #expect(abs(graph.weights[e] - weights[e]) < 2e-5)
        }
    }

    @Test func theGraphIsSymmetricAndEveryPointKeepsAFullEdge() {
        let data = LayoutData.gaussianClusters(clusters: 4, perCluster: 50, dimensions: 8, spread: 1, seed: 6)
        let table = ExactNeighbours.search(data.points, count: 10, includeSelf: true)
        let graph = FuzzySimplicialSet.graph(table, scales: SmoothNeighbourDistances(table))
        var weight: [Int: Float] = [:]
        for r in 0..<graph.vertices {
            var heaviest: Float = 0
            for e in graph.rowStart[r]..<graph.rowStart[r + 1] {
                weight[r * graph.vertices + Int(graph.columns[e])] = graph.weights[e]
                heaviest = max(heaviest, graph.weights[e])
                #expect(graph.weights[e] > 0 && graph.weights[e] <= 1)
                #expect(Int(graph.columns[e]) != r)
            }
            // Local connectivity 1: the nearest neighbour's membership is 1 (after the union,
            // 1 + b − 1·b in float32 may round to 1 − 2⁻²⁴, as it does in umap-learn).
            #expect(heaviest >= 1 - 1e-7)
        }
        for (key, w) in weight {
            let (r, c) = (key / graph.vertices, key % graph.vertices)
            #expect(weight[c * graph.vertices + r] == w)
        }
    }

    @Test func componentsAreNumberedFromTheLowestVertex() {
        // 0–3, 1–4, 2 alone: labels 0, 1, 2, 0, 1.
        let graph = SparseGraph(vertices: 5, rowStart: [0, 1, 2, 2, 3, 4], columns: [3, 4, 0, 1],
                                weights: [1, 1, 1, 1])
        let (count, labels) = graph.components()
        #expect(count == 3)
        #expect(labels == [0, 1, 2, 0, 1])
    }
}
