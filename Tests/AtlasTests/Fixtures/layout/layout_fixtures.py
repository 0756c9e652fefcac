"""Known answers for the layout tests (LayoutCurveTests, LayoutGraphTests, TrustworthinessTests).

Independent of the Swift code: sklearn's `trustworthiness` and umap-learn's own
`find_ab_params`, `smooth_knn_dist` and `fuzzy_simplicial_set`. Needs a venv:
    python3 -m venv venv && venv/bin/pip install scikit-learn umap-learn
    venv/bin/python layout_fixtures.py > layout_fixtures.txt
and the printed values are pasted into the Swift tests (layout_fixtures.txt keeps the last run;
versions: see its first line).

The data come from a formula the tests repeat in Float: a 32-bit LCG whose top 16 bits give
u = k / 65536, and every coordinate is an integer plus (u - 1/2) / 4, so each value is exact in
float32 and both sides start from identical numbers. The script checks that every comparison
the answers depend on (a layout neighbour's distance against all others in the same row; the
k-th against the (k+1)-th neighbour) differs by more than 1e-4 relative, so float32 rounding on
the Swift side cannot change a rank.
"""
import numpy as np
import sklearn
import umap
from sklearn.manifold import trustworthiness
from umap.umap_ import find_ab_params, smooth_knn_dist, fuzzy_simplicial_set
from scipy.spatial.distance import cdist


class LCG:
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def uniform(self):
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return (self.state >> 16) / 65536.0


DATA_SEED, LAYOUT_SEED = 10, 18  # the first pair (by data seed) that passes check_gaps
CENTRES = np.array([[3, 0, 0, 1, 0], [0, 3, 0, 0, 1], [0, 0, 3, 1, 1]], dtype=np.float64)


def clustered_points():
    """30 points in 5-D, three clusters of 10 (point i belongs to cluster i % 3)."""
    g = LCG(DATA_SEED)
    x = np.zeros((30, 5))
    for i in range(30):
        for j in range(5):
            x[i, j] = CENTRES[i % 3, j] + (g.uniform() - 0.5) / 4
    return x


def scrambled_layout():
    """A 2-D layout unrelated to the data: LCG draws in [0, 8)."""
    g = LCG(LAYOUT_SEED)
    return np.array([[8 * g.uniform() + 0 for _ in range(2)] for _ in range(30)])


def check_gaps(high, low, k, name):
    """Every distance high[i, j] for j among i's k nearest in `low` stands clear of the rest of
    row i, and low's k-th and (k+1)-th neighbours of i are clearly apart."""
    for i in range(len(high)):
        low_row = np.delete(low[i], i)
        low_sorted = np.sort(low_row)
        assert (low_sorted[k] - low_sorted[k - 1]) / low_sorted[k] > 1e-4, f"{name}: layout tie in row {i}"
        others = np.delete(high[i], i)
        for j in np.argsort(low_row)[:k]:
            rel = np.abs(np.delete(others, j) - others[j]) / others[j]
            assert rel.min() > 1e-4, f"{name}: tie in row {i} at {j} ({rel.min():.1e})"


def swift(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


print(f"# sklearn {sklearn.__version__}, umap-learn {umap.__version__}, numpy {np.__version__}")
X = clustered_points()
projection = X[:, :2].copy()  # the first two coordinates: a faithful but lossy layout
scrambled = scrambled_layout()
for layout_name, layout in [("projection", projection), ("scrambled", scrambled)]:
    for metric in ["euclidean", "cosine"]:
        for k in [3, 5]:
            check_gaps(cdist(X, X, metric), cdist(layout, layout), k, f"{layout_name} {metric} k={k}")
check_gaps(cdist(X, X), cdist(X, X), 4, "5-nearest neighbours of the data")  # self + 4 others

print("\n// TrustworthinessTests")
for layout_name, layout in [("projection", projection), ("scrambled", scrambled)]:
    for metric in ["euclidean", "cosine"]:
        for k in [3, 5]:
            t = trustworthiness(X, layout, n_neighbors=k, metric=metric)
            print(f"{layout_name} {metric} k={k}: {float(t)!r}")

print("\n// LayoutCurveTests: find_ab_params(spread, min_dist)")
for spread, min_dist in [(1.0, 0.1), (1.0, 0.5), (2.0, 0.25), (1.0, 0.0)]:
    a, b = find_ab_params(spread, min_dist)
    print(f"spread {spread}, min_dist {min_dist}: a = {float(a)!r}, b = {float(b)!r}")

print("\n// LayoutGraphTests: k = 5 (self included), Euclidean, on the clustered points")
k = 5
D = cdist(X, X)
order = np.argsort(D, axis=1, kind="stable")[:, :k]
knn_indices = order.astype(np.int64)
knn_dists = np.take_along_axis(D, order, axis=1).astype(np.float32)
assert (knn_indices[:, 0] == np.arange(30)).all()
sigmas, rhos = smooth_knn_dist(knn_dists, float(k), local_connectivity=1.0)
print("sigmas", swift(sigmas))
print("rhos", swift(rhos))
graph, _, _ = fuzzy_simplicial_set(X, k, np.random.RandomState(0), "euclidean",
                                   knn_indices=knn_indices, knn_dists=knn_dists)
graph = graph.tocoo()
entries = sorted(zip(graph.row.tolist(), graph.col.tolist(), graph.data.tolist()))
print("graph entries", len(entries))
print("rows", swift([r for r, _, _ in entries]).replace(".0", ""))
print("columns", swift([c for _, c, _ in entries]).replace(".0", ""))
print("weights", swift([w for _, _, w in entries]))
