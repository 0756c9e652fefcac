#!/usr/bin/env python3
"""The engine's MLP training-step benchmark, in PyTorch or in plain numpy.

Same work as Sources/EngineBenchmark: MLP on 784 inputs, `depth` hidden ReLU layers of `width`,
5 classes, batch 128, softmax cross-entropy, SGD momentum 0.9 (lr 0.01), synthetic data shaped
like Fashion-MNIST classes 0-4. A timed step is: gather the batch through a shuffled index,
forward, loss, backward (no gradient for the input pixels), optimizer step. Best of `rounds`
rounds over `seconds` per configuration, after a warm-up.

One process measures one framework at one thread count: scripts/bench-pytorch starts it with
OMP/MKL/OPENBLAS_NUM_THREADS set, so every thread pool is sized before the libraries load.
"""
import argparse
import json
import os
import platform
import sys
import time

INPUTS, CLASSES = 784, 5


def parse():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--framework", choices=["torch", "numpy"], required=True)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--widths", default="64,256,1024,4096")
    p.add_argument("--depths", default="1,3")
    p.add_argument("--seconds", type=float, default=2.0, help="timed seconds per configuration")
    p.add_argument("--rounds", type=int, default=5, help="rounds per configuration; the best counts")
    p.add_argument("--min-steps", type=int, default=2, help="steps per round at least")
    p.add_argument("--retries", type=int, default=2,
                   help="re-measure a configuration up to N times while other processes took > 10%% of the CPUs")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--examples", type=int, default=30720)
    return p.parse_args()


def rounds_of(step, rounds, seconds_per_round, min_steps):
    """Seconds per step of each round (each round >= seconds_per_round and >= min_steps steps)."""
    out = []
    for _ in range(rounds):
        n, start = 0, time.perf_counter()
        while True:
            step()
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds_per_round and n >= min_steps:
                break
        out.append(elapsed / n)
    return out


def synthetic(np, examples):
    rng = np.random.default_rng(2024)
    x = rng.random((examples, INPUTS), dtype=np.float32)
    y = rng.integers(0, CLASSES, size=examples).astype(np.int64)
    order = rng.permutation(examples)
    return x, y, order


class NumpyMLP:
    """A careful plain-numpy MLP: preallocated buffers, in-place updates, numpy's own BLAS."""

    def __init__(self, np, depth, width, batch, seed=1):
        self.np = np
        rng = np.random.default_rng(seed)
        dims = [INPUTS] + [width] * depth + [CLASSES]
        self.L = len(dims) - 1
        f32 = np.float32
        self.W = [(rng.standard_normal((dims[i], dims[i + 1])) *
                   np.sqrt((2.0 if i < self.L - 1 else 1.0) / dims[i])).astype(f32) for i in range(self.L)]
        self.b = [np.zeros(dims[i + 1], f32) for i in range(self.L)]
        self.gW = [np.empty_like(w) for w in self.W]
        self.gb = [np.empty_like(b) for b in self.b]
        self.vW = [np.zeros_like(w) for w in self.W]
        self.vb = [np.zeros_like(b) for b in self.b]
        self.tmpW = [np.empty_like(w) for w in self.W]
        self.tmpb = [np.empty_like(b) for b in self.b]
        self.h = [np.empty((batch, d), f32) for d in dims]       # h[0] = input, h[i+1] = layer i output
        self.dx = [np.empty((batch, d), f32) for d in dims]      # gradient w.r.t. h[i]
        self.rows = np.arange(batch)

    def step(self, xb, yb, lr=0.01, momentum=0.9):
        np = self.np
        h = self.h
        if xb is not h[0]:
            h[0][...] = xb
        for i in range(self.L):
            np.matmul(h[i], self.W[i], out=h[i + 1])
            h[i + 1] += self.b[i]
            if i < self.L - 1:
                np.maximum(h[i + 1], 0, out=h[i + 1])
        z = h[self.L]
        batch = z.shape[0]
        m = z.max(axis=1, keepdims=True)
        e = np.exp(z - m)
        s = e.sum(axis=1, keepdims=True)
        loss = float(np.mean(np.log(s[:, 0]) - (z[self.rows, yb] - m[:, 0])))
        dy = self.dx[self.L]
        np.divide(e, s * batch, out=dy)
        dy[self.rows, yb] -= 1.0 / batch
        for i in reversed(range(self.L)):
            np.matmul(h[i].T, dy, out=self.gW[i])
            np.sum(dy, axis=0, out=self.gb[i])
            if i > 0:
                dx = self.dx[i]
                np.matmul(dy, self.W[i].T, out=dx)
                dx *= h[i] > 0
                dy = dx
        mu, eta = np.float32(momentum), np.float32(lr)
        for p, g, v, t in zip(self.W + self.b, self.gW + self.gb, self.vW + self.vb, self.tmpW + self.tmpb):
            v *= mu
            v += g
            np.multiply(v, eta, out=t)
            p -= t
        return loss


def bench_numpy(args, widths, depths):
    import numpy as np
    x, y, order = synthetic(np, args.examples)
    steps_per_epoch = args.examples // args.batch
    info = {"numpy": np.__version__}
    try:
        import threadpoolctl
        info["blas"] = [{k: d.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
                        for d in threadpoolctl.threadpool_info() if d.get("user_api") == "blas"]
    except ImportError:
        pass
    results = []
    for depth in depths:
        for width in widths:
            net = NumpyMLP(np, depth, width, args.batch)
            state = {"s": 0, "loss": 0.0}
            xb = net.h[0]
            yb = np.empty(args.batch, np.int64)

            def step():
                s = state["s"] % steps_per_epoch
                idx = order[s * args.batch:(s + 1) * args.batch]
                np.take(x, idx, axis=0, out=xb)
                np.take(y, idx, out=yb)
                state["loss"] = net.step(xb, yb)
                state["s"] += 1

            results.append(measure(args, depth, width, step, state))
    return info, results


def bench_torch(args, widths, depths):
    import numpy as np
    import torch
    torch.set_num_threads(args.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    torch.manual_seed(1)
    x_np, y_np, order_np = synthetic(np, args.examples)
    x, y, order = torch.from_numpy(x_np), torch.from_numpy(y_np), torch.from_numpy(order_np)
    steps_per_epoch = args.examples // args.batch
    config = torch.__config__.show()
    blas = [l.strip(" -") for l in config.splitlines() if "MKL" in l and "Build settings" not in l
            or "CPU capability" in l]
    blas += [kv.strip() for kv in config.split(",") if kv.strip().startswith("BLAS_INFO=")]
    info = {"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas}
    results = []
    for depth in depths:
        for width in widths:
            layers, fan_in = [], INPUTS
            for _ in range(depth):
                layers += [torch.nn.Linear(fan_in, width), torch.nn.ReLU()]
                fan_in = width
            layers.append(torch.nn.Linear(fan_in, CLASSES))
            model = torch.nn.Sequential(*layers)
            opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
            xb = torch.empty(args.batch, INPUTS)
            state = {"s": 0, "loss": 0.0}

            def step():
                s = state["s"] % steps_per_epoch
                idx = order[s * args.batch:(s + 1) * args.batch]
                torch.index_select(x, 0, idx, out=xb)
                yb = y[idx]
                opt.zero_grad()
                loss = torch.nn.functional.cross_entropy(model(xb), yb)
                loss.backward()
                opt.step()
                state["loss"] = loss.detach()
                state["s"] += 1

            r = measure(args, depth, width, step, state)
            results.append(r)
    return info, results


def proc_stat():
    """(busy, total) jiffies of the whole machine; busy excludes idle and iowait."""
    try:
        with open("/proc/stat") as f:
            fields = [float(v) for v in f.readline().split()[1:9]]
    except OSError:
        return 0.0, 0.0
    return sum(fields) - fields[3] - fields[4], sum(fields)


def own_cpu_seconds():
    t = os.times()
    return t.user + t.system


class BackgroundLoad:
    """Share of the machine's CPU time other processes used since construction (the VM is shared)."""

    def __init__(self):
        self.busy, self.total = proc_stat()
        self.own = own_cpu_seconds()

    def fraction(self):
        busy, total = proc_stat()
        if total <= self.total:
            return float("nan")
        others = (busy - self.busy) - (own_cpu_seconds() - self.own) * os.sysconf("SC_CLK_TCK")
        return min(1.0, max(0.0, others / (total - self.total)))


def measure(args, depth, width, step, state):
    per_round = args.seconds / args.rounds
    rounds_of(step, 1, min(0.3, per_round), 2)  # warm-up
    best = None
    for attempt in range(args.retries + 1):
        load = BackgroundLoad()
        times = rounds_of(step, args.rounds, per_round, args.min_steps)
        background = load.fraction()
        fastest, median = min(times), sorted(times)[len(times) // 2]
        loss = float(state["loss"])
        r = {"depth": depth, "width": width, "threads": args.threads,
             "examplesPerSecond": args.batch / fastest, "medianExamplesPerSecond": args.batch / median,
             "finalLoss": loss, "backgroundLoad": background}
        print(f"{args.framework} depth {depth} width {width} threads {args.threads}: "
              f"{r['examplesPerSecond']:,.0f} examples/s (median {r['medianExamplesPerSecond']:,.0f}), loss {loss:.3f}, "
              f"other processes {100 * background:.0f}% of the CPUs", file=sys.stderr, flush=True)
        if best is None or r["examplesPerSecond"] > best["examplesPerSecond"]:
            best = r
        if not background > 0.1:
            break
    return best


def main():
    args = parse()
    widths = [int(w) for w in args.widths.split(",")]
    depths = [int(d) for d in args.depths.split(",")]
    bench = bench_torch if args.framework == "torch" else bench_numpy
    info, results = bench(args, widths, depths)
    info["python"] = platform.python_version()
    info["env"] = {k: os.environ[k] for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                                "OPENBLAS_CORETYPE") if k in os.environ}
    json.dump({"framework": args.framework, "threads": args.threads, "info": info, "results": results},
              sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
