import Engine
import Foundation

/// The engine's readout fits on one feature set: single cold-start fits at fixed strengths (the
/// unit the scikit-learn and PyTorch anchors repeat on the same features) and the cell's whole
/// cross-validated selection (5 folds, the default grid and its extension, then the refit).
struct ReadoutTiming {
    struct Fit {
        var l2: Double
        var seconds: Double
        var iterations: Int
        var objective: Double
        var trainAccuracy: Double
        var converged: Bool
    }

    var fits: [Fit]
    var selectionSeconds: Double
    var selectedL2: Double

    static func run(_ data: ReadoutFeatures, strengths: [Double], rounds: Int, log: (String) -> Void) -> ReadoutTiming {
        let clock = ContinuousClock()
        var fits: [Fit] = []
        for l2 in strengths {
            var best = Double.infinity
            var model: SoftmaxRegression?
            for _ in 0..<rounds {
                let start = clock.now
                let fitted = SoftmaxRegression.fit(features: data.features, labels: data.labels,
                                                   featureCount: data.featureCount, classes: data.classes, l2: l2)
                best = min(best, (clock.now - start).seconds)
                model = fitted
            }
            guard let model else { continue }
            fits.append(Fit(l2: l2, seconds: best, iterations: model.iterations, objective: model.objective,
                            trainAccuracy: model.accuracy(data.features, labels: data.labels), converged: model.converged))
            log(String(format: "  engine fit l2 %g: %.3f s, %d iterations, objective %.6f", l2, best, model.iterations, model.objective))
        }
        var selectionSeconds = Double.infinity, selectedL2 = 0.0
        for _ in 0..<rounds {
            let start = clock.now
            // The cell's settings (TransferEvaluator.patience and screening tolerance, 3 extensions).
            let selection = try? SoftmaxRegression.fitCrossValidatingL2(
                features: data.features, labels: data.labels, featureCount: data.featureCount, classes: data.classes,
                folds: 5, patience: 2, screeningTolerance: 1e-3, strongerExtensions: 3)
            selectionSeconds = min(selectionSeconds, (clock.now - start).seconds)
            selectedL2 = selection?.l2 ?? .nan
        }
        log(String(format: "  engine 5-fold selection: %.3f s, chose l2 %g", selectionSeconds, selectedL2))
        return ReadoutTiming(fits: fits, selectionSeconds: selectionSeconds, selectedL2: selectedL2)
    }

    /// One line of JSON for scripts/bench-readout.
    func json(width: Int, features: ReadoutFeatures) -> String {
        let object: [String: Any] = [
            "width": width, "rows": features.count, "featureCount": features.featureCount, "classes": features.classes,
            "trainSeconds": features.trainSeconds, "epochsSeen": features.epochsSeen,
            "selectionSeconds": selectionSeconds, "selectedL2": selectedL2,
            "fits": fits.map { ["l2": $0.l2, "seconds": $0.seconds, "iterations": $0.iterations, "objective": $0.objective,
                                "trainAccuracy": $0.trainAccuracy, "converged": $0.converged] as [String: Any] },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
