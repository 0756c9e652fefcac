#!/usr/bin/env python3
"""sgemm of the engine's OpenBLAS (the system library, as the Swift engine links it) against
numpy's bundled OpenBLAS, on the MLP's own GEMM shapes, interleaved call by call.

Both libraries run in this one process and alternate shape by shape and round by round, so a busy
moment on the shared VM hits both alike: the ratio is trustworthy even when the absolute numbers
are not. Row-major calls exactly as Sources/Engine/Layers/Dense.swift issues them.

  python gemm_libs.py [--threads 1,2] [--widths 1024,4096] [--rounds 7]
"""
import argparse
import ctypes
import ctypes.util
import time

import numpy as np

ROW_MAJOR, NO_TRANS, TRANS = 101, 111, 112


def system_openblas():
    for name in ("libopenblas.so.0", ctypes.util.find_library("openblas")):
        if name:
            try:
                lib = ctypes.CDLL(name)
                lib.openblas_get_corename.restype = ctypes.c_char_p
                lib.openblas_get_config.restype = ctypes.c_char_p
                return lib
            except OSError:
                continue
    raise SystemExit("system libopenblas not found (apt-get install libopenblas-dev)")


def shapes(width, inputs=784, classes=5, batch=128):
    """(label, transA, transB, m, n, k) of one training step of a depth >= 2 MLP, distinct ones."""
    out = []
    for fan_in, fan_out, first in ((inputs, width, True), (width, width, False), (width, classes, False)):
        out.append((f"forward {fan_in}→{fan_out}", False, False, batch, fan_out, fan_in))
        out.append((f"∂W {fan_in}→{fan_out}", True, False, fan_in, fan_out, batch))
        if not first:
            out.append((f"∂x {fan_in}→{fan_out}", False, True, batch, fan_in, fan_out))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--threads", default="1,2")
    p.add_argument("--widths", default="1024,4096")
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--seconds", type=float, default=0.05, help="per shape, library and round")
    args = p.parse_args()
    lib = system_openblas()
    try:
        from threadpoolctl import threadpool_info, threadpool_limits
        numpy_blas = [d for d in threadpool_info() if d.get("user_api") == "blas"]
    except ImportError:
        raise SystemExit("needs threadpoolctl (pip install threadpoolctl)")
    print(f"engine's OpenBLAS: {lib.openblas_get_config().decode().strip()} (core {lib.openblas_get_corename().decode()})")
    print("numpy's BLAS: " + ", ".join(f"{d['internal_api']} {d['version']} {d.get('architecture')}" for d in numpy_blas))
    print()
    print("| width | GEMM | m×n×k op | threads | engine's OpenBLAS GFLOP/s | numpy's GFLOP/s | engine ÷ numpy |")
    print("|---:|---|---|---:|---:|---:|---:|")
    rng = np.random.default_rng(3)
    for width in [int(w) for w in args.widths.split(",")]:
        for label, ta, tb, m, n, k in shapes(width):
            a = (rng.random((k, m) if ta else (m, k), dtype=np.float32) - 0.5)
            b = (rng.random((n, k) if tb else (k, n), dtype=np.float32) - 0.5)
            c = np.zeros((m, n), np.float32)
            c2 = np.zeros((m, n), np.float32)
            opa, opb = (a.T if ta else a), (b.T if tb else b)
            fp = ctypes.POINTER(ctypes.c_float)
            pa, pb, pc = (x.ctypes.data_as(fp) for x in (a, b, c))

            def ours():
                lib.cblas_sgemm(ROW_MAJOR, TRANS if ta else NO_TRANS, TRANS if tb else NO_TRANS,
                                m, n, k, ctypes.c_float(1), pa, a.shape[1], pb, b.shape[1],
                                ctypes.c_float(0), pc, n)

            def theirs():
                np.matmul(opa, opb, out=c2)

            for t in [int(x) for x in args.threads.split(",")]:
                lib.openblas_set_num_threads(t)
                with threadpool_limits(limits=t, user_api="blas"):
                    best = {ours: float("inf"), theirs: float("inf")}
                    for f in (ours, theirs):
                        f(); f()
                    for _ in range(args.rounds):
                        for f in (ours, theirs):
                            calls, start = 0, time.perf_counter()
                            while True:
                                f()
                                calls += 1
                                elapsed = time.perf_counter() - start
                                if elapsed >= args.seconds and calls >= 2:
                                    break
                            best[f] = min(best[f], elapsed / calls)
                flops = 2.0 * m * n * k
                g1, g2 = flops / best[ours] / 1e9, flops / best[theirs] / 1e9
                op = ("T" if ta else "N") + ("T" if tb else "N")
                print(f"| {width} | {label} | {m}×{n}×{k} {op} | {t} | {g1:.1f} | {g2:.1f} | {g1 / g2:.2f} |", flush=True)


if __name__ == "__main__":
    main()
