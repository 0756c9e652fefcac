/// The walk along an L2 grid that both ways of choosing a readout's strength share (a validation
/// split, `fitSelectingL2`; cross-validation, `fitCrossValidatingL2`): which strengths are fitted,
/// in which order, from which warm start, and which one wins.
///
/// The fitting and scoring are the caller's (`score`); this type only decides. Keeping the rule
/// in one place keeps the two selections comparable: same order, same tie rule, same patience,
/// same grid extension.
enum RegularisationPath {
    /// Two scores closer than this are a tie. Scores are accuracies (multiples of 1/n) or means of
    /// them, so a real difference is at least ~1/n ≫ 1e-12; summing the same fractions in another
    /// order must not decide a choice.
    static let tieTolerance = 1e-12

    /// What the walk visited and chose.
    struct Outcome {
        /// Strengths in the order fitted, and their scores.
        var strengths: [Double] = []
        var scores: [Double] = []
        /// Index into `strengths` of the winner.
        var chosen = 0
        /// The winner is the strongest strength fitted (after any extension) or the weakest grid
        /// value: the best strength may lie beyond what was tried.
        var atGridEdge = false
    }

    /// Walks `grid` from the strongest to the weakest strength, then, while the winner is the
    /// strongest strength fitted, up to `strongerExtensions` more strengths ten times stronger.
    ///
    /// - `score(l2, warmStart)` fits at `l2` and returns the score to maximise; `warmStart` is the
    ///   index (into the strengths fitted so far) of the fit to start from, nil for the first.
    ///   Down the grid that is the previous strength; upward it is the current strongest.
    /// - A strength wins if it scores better than the best so far, or ties it and is stronger
    ///   (the simpler model, and the one less sensitive to the noise of the score).
    /// - With `patience`, the downward walk stops after that many consecutive strengths fail to win.
    static func walk(grid: [Double], patience: Int?, strongerExtensions: Int,
                     score: (_ l2: Double, _ warmStart: Int?) -> Double) -> Outcome {
        precondition(!grid.isEmpty, "the L2 grid is empty")
        precondition(strongerExtensions >= 0, "strongerExtensions must not be negative")
        var outcome = Outcome()
        func visit(_ l2: Double, from warmStart: Int?) -> Bool {
            let value = score(l2, warmStart)
            outcome.strengths.append(l2)
            outcome.scores.append(value)
            let index = outcome.strengths.count - 1
            guard index > 0 else { return true }
            let best = outcome.scores[outcome.chosen], bestL2 = outcome.strengths[outcome.chosen]
            let wins = value > best + tieTolerance || (abs(value - best) <= tieTolerance && l2 > bestL2)
            if wins { outcome.chosen = index }
            return wins
        }
        var misses = 0
        for l2 in grid.sorted(by: >) {
            if let patience, misses >= patience { break }
            let previous = outcome.strengths.isEmpty ? nil : outcome.strengths.count - 1
            misses = visit(l2, from: previous) ? 0 : misses + 1
        }
        // Upward: only while the winner is still the strongest strength tried.
        var top = 0
        for _ in 0..<strongerExtensions where outcome.chosen == top {
            let stronger = outcome.strengths[top] * 10
            guard visit(stronger, from: top) else { break }
            top = outcome.strengths.count - 1
        }
        let chosenL2 = outcome.strengths[outcome.chosen]
        let strongest = outcome.strengths.max() ?? chosenL2, weakest = grid.min() ?? chosenL2
        outcome.atGridEdge = chosenL2 == strongest || chosenL2 == weakest
        return outcome
    }
}
