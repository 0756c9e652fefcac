"""The readout fits of ReadoutBenchmark, done by scikit-learn and PyTorch on the same features.

For each width directory ReadoutBenchmark exported (features.f32, labels.i32, meta.json), and
each L2 strength in meta.json, one cold-start fit of the same problem the engine solves:
multinomial logistic regression on standardised features (population standard deviation, scale 1
for constant features), minimising mean cross-entropy + (l2/2)·||W||^2 with the bias unpenalised,
to a max-abs-gradient tolerance of 1e-4 — the engine's SoftmaxRegression.defaultSolverOptions.

- scikit-learn: LogisticRegression(C=1/(n·l2), solver="lbfgs", tol=1e-4, max_iter=1000); its lbfgs
  minimises the same mean-loss objective and stops on the same projected-gradient test.
- PyTorch: torch.optim.LBFGS(history_size=10, line_search_fn="strong_wolfe",
  tolerance_grad=1e-4, tolerance_change=1e-12, max_iter=1000) on W and b, float32 (its fast
  path; the engine keeps parameters in float64 and features in float32).

Standardisation is done once, outside the timing, for both (the engine times it inside its fit,
which only counts against the engine). Threads: one (threadpoolctl for numpy/scipy's BLAS,
torch.set_num_threads), as a cell uses. Each fit runs `--rounds` times; the fastest counts.
Prints one JSON object per width and strength on stdout.
"""
import argparse
import json
import os
import sys
import time

import numpy as np


def objective(W, b, X, y, l2):
    logits = X @ W + b
    logits -= logits.max(axis=1, keepdims=True)
    log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(y)), y].mean() + 0.5 * l2 * (W * W).sum())


def standardise(X):
    mean = X.mean(axis=0, dtype=np.float64)
    sd = X.std(axis=0, dtype=np.float64)
    scale = np.where((sd > 0) & (sd > 1e-6 * np.abs(mean)), sd, 1.0)
    return ((X - mean) / scale).astype(np.float32)


def sklearn_fit(X, y, l2, rounds):
    from sklearn.linear_model import LogisticRegression
    best, model = float("inf"), None
    for _ in range(rounds):
        start = time.perf_counter()
        model = LogisticRegression(C=1.0 / (len(y) * l2), solver="lbfgs", tol=1e-4, max_iter=1000).fit(X, y)
        best = min(best, time.perf_counter() - start)
    W, b = model.coef_.T.astype(np.float64), model.intercept_.astype(np.float64)
    return best, int(model.n_iter_[0]), objective(W, b, X.astype(np.float64), y, l2), float(model.score(X, y))


def torch_fit(X, y, l2, rounds):
    import torch
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y.astype(np.int64))
    d, k = X.shape[1], int(y.max()) + 1
    best, result = float("inf"), None
    for _ in range(rounds):
        W = torch.zeros(d, k, requires_grad=True)
        b = torch.zeros(k, requires_grad=True)
        optimizer = torch.optim.LBFGS([W, b], lr=1, max_iter=1000, history_size=10, line_search_fn="strong_wolfe",
                                      tolerance_grad=1e-4, tolerance_change=1e-12)

        def closure():
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(Xt @ W + b, yt) + 0.5 * l2 * (W * W).sum()
            loss.backward()
            return loss

        start = time.perf_counter()
        optimizer.step(closure)
        best = min(best, time.perf_counter() - start)
        result = (W.detach().numpy().astype(np.float64), b.detach().numpy().astype(np.float64),
                  optimizer.state[optimizer._params[0]]["n_iter"])
    W, b, iterations = result
    accuracy = float(((X @ W + b).argmax(axis=1) == y).mean())
    return best, int(iterations), objective(W, b, X.astype(np.float64), y, l2), accuracy


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directories", nargs="+", help="ReadoutBenchmark --output subdirectories (w64, w1024, …)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-torch", action="store_true")
    parser.add_argument("--no-sklearn", action="store_true")
    args = parser.parse_args()
    from threadpoolctl import threadpool_limits
    if not args.no_torch:
        import torch
        torch.set_num_threads(1)
    with threadpool_limits(limits=1):
        for directory in args.directories:
            meta = json.load(open(os.path.join(directory, "meta.json")))
            rows, d = meta["rows"], meta["featureCount"]
            X = np.fromfile(os.path.join(directory, "features.f32"), dtype="<f4").reshape(rows, d)
            y = np.fromfile(os.path.join(directory, "labels.i32"), dtype="<i4")
            X = standardise(X)
            for l2 in meta["strengths"]:
                for name, fit, skip in [("scikit-learn", sklearn_fit, args.no_sklearn), ("pytorch", torch_fit, args.no_torch)]:
                    if skip:
                        continue
                    seconds, iterations, value, accuracy = fit(X, y, l2, args.rounds)
                    print(json.dumps({"directory": os.path.basename(directory.rstrip("/")), "featureCount": d, "l2": l2,
                                      "library": name, "seconds": seconds, "iterations": iterations,
                                      "objective": value, "trainAccuracy": accuracy}), flush=True)
                    print(f"readout_fits: {name} width {d} l2 {l2:g}: {seconds:.3f} s, {iterations} iterations, "
                          f"objective {value:.6f}", file=sys.stderr)


if __name__ == "__main__":
    main()
