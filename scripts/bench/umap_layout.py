"""umap-learn on the activations AtlasBenchmark laid out, with the same settings, timed.

Usage: umap_layout.py DIR  (DIR holds activations.f32 and activations.txt from
`AtlasBenchmark --output DIR`). Prints one JSON object: seconds for the layout (kNN graph,
spectral start and 200 epochs, as umap-learn does them), the trustworthiness of the result
(sklearn, 10 neighbours, cosine) on the same 2,000-point sample size the atlas uses, and the
library versions. numba compiles on first use, so an untimed warm-up run comes first, on enough
points (5,000) to take the same nearest-neighbour-descent path as the timed run (umap-learn
switches from exact neighbours to NN-descent above 4,096 points).
"""
import json
import sys
import time
import warnings

import numpy as np
import sklearn
import umap
from sklearn.manifold import trustworthiness

# random_state makes umap-learn single-threaded and says so on every call; that is the point here.
warnings.filterwarnings("ignore", message="n_jobs value")
directory = sys.argv[1]
rows, cols = (int(v) for v in open(f"{directory}/activations.txt").read().split())
points = np.fromfile(f"{directory}/activations.f32", dtype="<f4").reshape(rows, cols)

settings = dict(n_neighbors=15, min_dist=0.1, spread=1.0, n_epochs=200, negative_sample_rate=5,
                metric="cosine", random_state=0, init="spectral")
umap.UMAP(**settings).fit_transform(points[:5000])  # numba compilation, not timed

start = time.perf_counter()
layout = umap.UMAP(**settings).fit_transform(points)
seconds = time.perf_counter() - start

sample = np.random.default_rng(0).choice(rows, size=min(rows, 2000), replace=False)
score = trustworthiness(points[sample], layout[sample], n_neighbors=10, metric="cosine")
print(json.dumps({"seconds": seconds, "trustworthiness": float(score), "umap": umap.__version__,
                  "sklearn": sklearn.__version__, "rows": rows, "cols": cols}))
