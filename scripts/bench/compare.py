#!/usr/bin/env python3
"""Puts the engine's EngineBenchmark --json beside PyTorch and numpy (scripts/bench/mlp_bench.py).

Each input may come from several repeats of the same run; per configuration the best
examples/s of each contestant counts (best-of-N on a shared, noisy VM). Prints Markdown.
"""
import argparse
import json
import math

# docs/benchmarks.md, "Reference figures from an AVX-512 machine": fastest of PyTorch, JAX and
# numpy on that machine kind (2 threads, Fashion-MNIST classes 0-4, batch 128, SGD). Orientation
# only: another CPU.
REFERENCE_2_THREADS = {(1, 64): 266e3, (1, 256): 109e3, (1, 1024): 48e3, (1, 4096): 12.1e3,
                       (3, 64): 221e3, (3, 256): 62e3, (3, 1024): 10.8e3, (3, 4096): 692}


def num(x):
    return x if isinstance(x, (int, float)) else float("nan")


def fmt_rate(x):
    x = num(x)
    if not math.isfinite(x):
        return "—"
    if x >= 100e3:
        return f"{x / 1e3:.0f}k"
    if x >= 10e3:
        return f"{x / 1e3:.1f}k"
    if x >= 1e3:
        return f"{x / 1e3:.2f}k"
    return f"{x:.0f}"


def best_by_config(rows):
    """Row with the highest examplesPerSecond for each (depth, width, threads)."""
    best = {}
    for r in rows:
        key = (r["depth"], r["width"], r["threads"])
        if key not in best or num(r["examplesPerSecond"]) > num(best[key]["examplesPerSecond"]):
            best[key] = r
    return best


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--engine", nargs="+", required=True, help="EngineBenchmark --json outputs")
    p.add_argument("--others", nargs="*", default=[], help="mlp_bench.py outputs")
    args = p.parse_args()

    engines = [json.load(open(f)) for f in args.engine]
    others = [json.load(open(f)) for f in args.others]
    # The reference is the best sgemm rate any of the runs reached at that thread count: a peak
    # measured in a busy moment would flatter the fractions.
    peaks = {}
    for e in engines:
        for pk in e["peaks"]:
            peaks[pk["threads"]] = max(peaks.get(pk["threads"], 0.0), num(pk["gflops"]))
    engine_rows = []
    for run, e in enumerate(engines):
        for r in e["training"]:
            engine_rows.append(dict(r, run=run, peak=peaks.get(r["threads"], float("nan"))))
    engine = best_by_config(engine_rows)
    frameworks = sorted({o["framework"] for o in others}, key=lambda f: ["torch", "numpy"].index(f))
    theirs = {f: best_by_config([r for o in others if o["framework"] == f for r in o["results"]]) for f in frameworks}
    names = {"torch": "PyTorch", "numpy": "numpy"}

    m = engines[0]["machine"]
    out = ["# Engine vs PyTorch vs numpy", ""]
    out.append(f"CPU: {m['cpuModel']} ({m['logicalCPUs']} logical CPUs; {' '.join(m['simdFlags'])}) · "
               f"engine OpenBLAS: {m['openBLASCore']} kernels, {m['openBLASConfiguration']} · "
               f"OPENBLAS_CORETYPE: {m.get('openBLASCoreTypeEnvironment') or 'unset'}"
               + (f" · re-executed from {m['reexecutedFromCore']}" if m.get("reexecutedFromCore") else ""))
    for f in frameworks:
        info = next(o["info"] for o in others if o["framework"] == f)
        if f == "torch":
            out.append(f"PyTorch {info.get('torch')}: " + "; ".join(info.get("blas", [])))
        else:
            blas = ", ".join(f"{b.get('internal_api')} {b.get('version')} {b.get('architecture')}" for b in info.get("blas", []))
            out.append(f"numpy {info.get('numpy')}: {blas or 'BLAS unknown (threadpoolctl missing)'}")
    out.append("")
    runs = len(engines)
    out.append(f"MLP 784 → width × depth → 5, batch 128, SGD momentum 0.9, synthetic data; "
               f"best of {engines[0]['rounds']} rounds × {runs} run(s) per cell. "
               f"sgemm peak (2048³, best of this run): " +
               ", ".join(f"{t} thread(s) {g:.0f} GFLOP/s" for t, g in sorted(peaks.items())) + ".")
    out.append("Ratio = engine ÷ the fastest of the others (> 1: the engine is faster). "
               "⚠ = other processes used > 10% of the CPUs while that cell was measured.")
    out.append("")
    head = ["depth", "width", "threads", "engine ex/s"] + [f"{names[f]} ex/s" for f in frameworks] + \
           ["engine ÷ fastest", "engine GFLOP/s", "% of sgemm peak", "GEMM share of step", "§9 ref (other CPU, 2 thr)"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---:|" * len(head))
    for key in sorted(engine, key=lambda k: (k[0], k[1], k[2])):
        depth, width, threads = key
        e = engine[key]
        warn = lambda r: " ⚠" if r is not None and num(r.get("backgroundLoad")) > 0.1 else ""
        cells = [str(depth), str(width), str(threads), fmt_rate(e["examplesPerSecond"]) + warn(e)]
        other_rates = []
        for f in frameworks:
            r = theirs[f].get(key)
            cells.append(fmt_rate(r["examplesPerSecond"]) + warn(r) if r else "—")
            if r:
                other_rates.append(num(r["examplesPerSecond"]))
        fastest = max(other_rates) if other_rates else float("nan")
        ratio = num(e["examplesPerSecond"]) / fastest if other_rates else float("nan")
        cells.append(f"{ratio:.2f}×" if math.isfinite(ratio) else "—")
        cells.append(f"{num(e['gflops']):.1f}")
        cells.append(f"{100 * num(e['gflops']) / num(e['peak']):.0f}%")
        cells.append(f"{100 * num(e['gemmShareOfStep']):.0f}%")
        ref = REFERENCE_2_THREADS.get((depth, width)) if threads == 2 else None
        cells.append(fmt_rate(ref) if ref else "")
        out.append("| " + " | ".join(cells) + " |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
