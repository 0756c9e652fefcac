"""Known answers for SoftmaxRegressionTests: scikit-learn's multinomial logistic regression.

Regenerate (any machine with Python 3 and network access; the numbers in the Swift test came from
scikit-learn 1.9.1, numpy 2.4.6, scipy 1.17.1), from the repository root:

    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn numpy
    /tmp/skvenv/bin/python Tests/EngineTests/Fixtures/softmax_regression.py

and replace the `static let` lines of `SklearnFixture` in SoftmaxRegressionTests.swift with the
printed ones (the `Case` list there refers to them by name). The data come from a seeded numpy
generator; the printed literals, not the seed, are what the test uses.

Data: 3 classes x 20 points, 5 features: four informative ones with deliberately different
offsets and scales, so the test exercises the Swift model's own standardisation, and one constant
feature (a dead unit), which both sides must leave with scale 1 and weight 0. Classes overlap, so
the maximum-likelihood weights are finite and the L2 penalty matters. The values are rounded to
float32 before anything is fitted, so Swift and scikit-learn see exactly the same numbers.

Reference: Pipeline(StandardScaler(), LogisticRegression(C=1/(n*l2), solver='lbfgs', tol=1e-10,
max_iter=10000)). StandardScaler divides by the population standard deviation and gives constant
features scale 1, as SoftmaxRegression does. scikit-learn minimises
    C * sum_i loss_i + 0.5 * ||W||^2,
which is n*C times the Swift objective  mean_i loss_i + (l2/2) * ||W||^2  when C = 1/(n*l2);
both leave the intercept unpenalised, so the minimisers coincide. coef_ is classes x features;
it is printed transposed (features x classes, row-major) to match SoftmaxRegression.weights.
The intercept is defined only up to a common shift and is printed centred (zero sum).
"""
import numpy as np
import sklearn
import scipy
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(20240611)
classes, per_class, informative = 3, 20, 4
centres = rng.normal(size=(classes, informative))
rows, labels = [], []
for c in range(classes):
    for _ in range(per_class):
        rows.append(centres[c] + 0.9 * rng.normal(size=informative))
        labels.append(c)
x = np.array(rows)
offsets = np.array([5.0, -3.0, 0.0, 100.0])
scales = np.array([10.0, 0.1, 1.0, 3.0])
x = x * scales + offsets
x = np.hstack([x, np.full((x.shape[0], 1), 2.5)])   # constant feature
x = x.astype(np.float32).astype(np.float64)          # exactly what Swift reads
y = np.array(labels)
n = x.shape[0]


def swift_floats(name, values):
    body = ", ".join(f"{v:.9g}" for v in np.ravel(values))
    print(f"    static let {name}: [Float] = [{body}]")


print(f"    // softmax_regression.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}, "
      f"scipy {scipy.__version__}")
swift_floats("features", x)
print(f"    static let labels: [Int32] = [{', '.join(str(v) for v in y)}]")
print(f"    static let featureCount = {x.shape[1]}")

for l2 in [1e-2, 1e-1]:
    model = make_pipeline(StandardScaler(),
                          LogisticRegression(C=1.0 / (n * l2), solver="lbfgs", tol=1e-10, max_iter=10000))
    model.fit(x, y)
    lr = model[-1]
    tag = f"L2e{int(round(np.log10(l2)))}".replace("-", "m")
    swift_floats(f"weights{tag}", lr.coef_.T)
    swift_floats(f"bias{tag}", lr.intercept_ - lr.intercept_.mean())
    swift_floats(f"probabilities{tag}", model.predict_proba(x))
    print(f"    static let accuracy{tag} = {model.score(x, y):.12g}")
    print(f"    // n_iter_ = {lr.n_iter_[0]}")
