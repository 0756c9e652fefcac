"""Known answers for SoftmaxRegressionCrossValidationTests: stratified K-fold cross-validation of
scikit-learn's multinomial logistic regression over an L2 grid.

Regenerate (any machine with Python 3 and network access; the numbers in the Swift test came from
scikit-learn 1.9.1, numpy 2.4.6, scipy 1.17.1), from the repository root:

    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn numpy
    /tmp/skvenv/bin/python Tests/EngineTests/Fixtures/softmax_cross_validation.py

and replace the `static let` lines of `CrossValidationFixture` in
SoftmaxRegressionCrossValidationTests.swift with the printed ones. The data come from a seeded
numpy generator; the printed literals, not the seed, are what the test uses.

Data: a few-shot budget, 3 classes x 10 examples, 6 features: four informative ones with
different offsets and scales, one pure noise feature and one constant feature (a dead unit).
Classes overlap, so held-out accuracy depends on the L2 strength (here it peaks inside the grid).
Rows are independent draws listed class by class; values are rounded to float32 first, so Swift
and scikit-learn see exactly the same numbers.

Folds, as SoftmaxRegression.stratifiedFolds assigns them: the i-th example of each class (in row
order) goes to fold i mod K, K = 5. For each fold and each l2, the reference is
Pipeline(StandardScaler(), LogisticRegression(C=1/(n_train*l2), solver='lbfgs', tol=1e-10,
max_iter=10000)) fitted on the other folds — the scaler too sees only the training folds, as in
the Swift code — and scored on the held-out fold. C = 1/(n*l2) makes scikit-learn's objective
n*C times the Swift one (see softmax_regression.py). The mean across folds ranks the strengths;
ties go to the stronger penalty. The model refitted on all 30 rows at the chosen l2 is printed
too (weights transposed to features x classes, as SoftmaxRegression stores them).

The smallest margin (top minus second probability) of any held-out prediction is printed as a
comment: the Swift test compares accuracies exactly, which is safe only if no held-out example
lies within solver tolerance of a decision boundary.
"""
import numpy as np
import sklearn
import scipy
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(2)
classes, per_class, informative, folds = 3, 10, 4, 5
grid = [1.0, 1e-1, 1e-2, 1e-3]   # strongest first, the order the path is fitted in
centres = 1.0 * rng.normal(size=(classes, informative))
rows, labels = [], []
for c in range(classes):
    for _ in range(per_class):
        rows.append(np.concatenate([centres[c] + rng.normal(size=informative), rng.normal(size=1)]))
        labels.append(c)
x = np.array(rows)
x = x * np.array([10.0, 0.1, 1.0, 3.0, 2.0]) + np.array([5.0, -3.0, 0.0, 100.0, 1.0])
x = np.hstack([x, np.full((x.shape[0], 1), 2.5)])   # constant feature
x = x.astype(np.float32).astype(np.float64)          # exactly what Swift reads
y = np.array(labels)

seen = np.zeros(classes, dtype=int)
fold = np.empty(len(y), dtype=int)
for i, c in enumerate(y):
    fold[i] = seen[c] % folds
    seen[c] += 1


def model(l2, n):
    return make_pipeline(StandardScaler(),
                         LogisticRegression(C=1.0 / (n * l2), solver="lbfgs", tol=1e-10, max_iter=10000))


def swift(name, kind, values):
    body = ", ".join(f"{v:.12g}" if kind == "Double" else f"{v:.9g}" for v in np.ravel(values))
    print(f"    static let {name}: [{kind}] = [{body}]")


print(f"    // softmax_cross_validation.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}, "
      f"scipy {scipy.__version__}")
swift("features", "Float", x)
print(f"    static let labels: [Int32] = [{', '.join(str(v) for v in y)}]")
print(f"    static let featureCount = {x.shape[1]}")
swift("grid", "Double", grid)
accuracies, means, margin = [], [], 1.0
for l2 in grid:
    per_fold = []
    for f in range(folds):
        train, test = fold != f, fold == f
        m = model(l2, train.sum()).fit(x[train], y[train])
        per_fold.append(m.score(x[test], y[test]))
        p = np.sort(m.predict_proba(x[test]), axis=1)
        margin = min(margin, float(np.min(p[:, -1] - p[:, -2])))
    accuracies.append(per_fold)
    means.append(float(np.mean(per_fold)))
swift("foldAccuracies", "Double", accuracies)
swift("meanAccuracies", "Double", means)
best = 0
for i, value in enumerate(means):
    if value > means[best] + 1e-12:   # grid is strongest first: a later tie never wins
        best = i
chosen = grid[best]
print(f"    static let chosenL2 = {chosen!r}")
refit = model(chosen, len(y)).fit(x, y)
swift("refitWeights", "Float", refit[-1].coef_.T)
print(f"    // smallest held-out margin (top - second probability): {margin:.3g}")
