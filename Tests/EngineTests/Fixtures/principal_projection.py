"""Known answer for PrincipalProjectionTests: a readout on the leading principal components of
its own training rows, as scikit-learn computes it.

Regenerate (any machine with Python 3 and network access), from the repository root:

    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn numpy
    /tmp/skvenv/bin/python Tests/EngineTests/Fixtures/principal_projection.py

and replace the `static let` lines of `PrincipalProjectionFixture` in PrincipalProjectionTests.swift
with the printed ones. The printed literals, not the seed, are what the test uses.

Data: 3 classes, 20 training and 10 test rows each, 6 correlated features (a random mixing of 3
latent class signals plus noise, offsets and scales that differ by feature), rounded to float32.
Reference: Pipeline(PCA(n_components=2), StandardScaler(), LogisticRegression(C=1/(n*l2),
solver='lbfgs', tol=1e-10, max_iter=10000)) fitted on the training rows with l2 = 0.01; printed:
its test-set class probabilities, the PCA's explained variances (1/n normalisation, as
PrincipalDirections reports them) and the mean objective on the training rows
(mean cross-entropy + l2/2 * |W|^2 on the standardised components).
"""
import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(5)
classes, train_per, test_per, d, k, l2 = 3, 20, 10, 6, 2, 0.01
mixing = rng.normal(size=(3, d))
centres = 1.5 * rng.normal(size=(classes, 3))
def draw(per):
    rows, labels = [], []
    for c in range(classes):
        for _ in range(per):
            latent = centres[c] + rng.normal(size=3)
            rows.append(latent @ mixing + 0.3 * rng.normal(size=d))
            labels.append(c)
    x = np.array(rows) * np.array([1.0, 3.0, 0.5, 2.0, 1.0, 4.0]) + np.array([2.0, -1.0, 0.0, 5.0, 1.0, -3.0])
    return x.astype(np.float32).astype(np.float64), np.array(labels)
xtrain, ytrain = draw(train_per)
xtest, ytest = draw(test_per)
n = len(ytrain)
model = make_pipeline(PCA(n_components=k), StandardScaler(),
                      LogisticRegression(C=1 / (n * l2), solver="lbfgs", tol=1e-10, max_iter=10000))
model.fit(xtrain, ytrain)
proba = model.predict_proba(xtest)
pca, scaler, lr = model.steps[0][1], model.steps[1][1], model.steps[2][1]
z = scaler.transform(pca.transform(xtrain))
logits = z @ lr.coef_.T + lr.intercept_
logits -= logits.max(axis=1, keepdims=True)
logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
objective = -logp[np.arange(n), ytrain].mean() + 0.5 * l2 * (lr.coef_ ** 2).sum()
variances = pca.explained_variance_ * (n - 1) / n

def floats(values):
    return "[" + ", ".join(repr(float(np.float32(v))) for v in np.ravel(values)) + "]"
def doubles(values):
    return "[" + ", ".join(f"{v:.12g}" for v in np.ravel(values)) + "]"
print(f"    // scikit-learn {sklearn.__version__}, numpy {np.__version__}")
print(f"    static let train: [Float] = {floats(xtrain)}")
print(f"    static let trainLabels: [Int32] = {list(map(int, ytrain))}")
print(f"    static let test: [Float] = {floats(xtest)}")
print(f"    static let probabilities: [Double] = {doubles(proba)}")
print(f"    static let variances: [Double] = {doubles(variances)}")
print(f"    static let objective = {objective:.12g}")
