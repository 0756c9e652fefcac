#!/usr/bin/python3
"""Writes Fashion-MNIST's IDX files as one NumPy archive, the form researchers hand arrays around in.

    /usr/bin/python3 examples/npz/make-npz.py [IDX_DIR] [OUT.npz]

IDX_DIR defaults to /usr/share/datasets/fashion-mnist (Debian's copy), OUT.npz to
fashion-mnist.npz next to this script, where examples/npz/npz.yaml looks for it. Needs NumPy
(Debian: python3-numpy). The arrays are the IDX bytes unchanged (uint8 images, N×28×28) with the
class names, so the npz sweep must give exactly the IDX sweep's numbers.
"""
import gzip
import os
import sys

import numpy as np

CLASS_NAMES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def read_idx(path, magic, dimensions):
    with gzip.open(path, "rb") as f:
        data = f.read()
    found = int.from_bytes(data[0:4], "big")
    if found != magic:
        sys.exit("%s: magic %#x, expected %#x" % (path, found, magic))
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dimensions)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dimensions).reshape(shape)


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    output = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "fashion-mnist.npz")
    arrays = {}
    for prefix, split in [("train", "train"), ("t10k", "test")]:
        arrays["x_" + split] = read_idx(os.path.join(source, prefix + "-images-idx3-ubyte.gz"), 0x803, 3)
        arrays["y_" + split] = read_idx(os.path.join(source, prefix + "-labels-idx1-ubyte.gz"), 0x801, 1).astype(np.int64)
    np.savez_compressed(output, class_names=np.array(CLASS_NAMES), **arrays)
    print("wrote %s: %s" % (output, ", ".join("%s %s %s" % (k, v.dtype, v.shape) for k, v in arrays.items())),
          file=sys.stderr)


if __name__ == "__main__":
    main()
