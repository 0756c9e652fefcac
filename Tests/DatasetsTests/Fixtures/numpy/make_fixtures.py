"""Writes the NumPy fixtures of Tests/DatasetsTests/NumPyReaderTests.swift with NumPy itself.

Run from this folder with any Python that has NumPy (the files are committed; this script says
exactly how they were made). Every value is a formula the Swift tests recompute.
"""
import io
import os

import numpy as np
import numpy.lib.format as npformat


def arrays():
    x_train = (np.arange(6 * 4 * 3) * 7 % 256).astype(np.uint8).reshape(6, 4, 3)
    y_train = np.array([0, 1, 2, 0, 1, 2], dtype=np.int64)
    x_test = (np.arange(3 * 4 * 3) * 11 % 256).astype(np.uint8).reshape(3, 4, 3)
    y_test = np.array([2, 1, 0], dtype=np.uint8)
    class_names = np.array(["cat", "dog", "émeu"])
    return dict(x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test, class_names=class_names)


def main():
    np.savez("tiny.npz", **arrays())
    np.savez_compressed("tiny-compressed.npz", **arrays())

    # Float RGB images, int32 labels, no class names.
    x = (np.arange(4 * 2 * 2 * 3, dtype=np.float32) / 8 - 1).reshape(4, 2, 2, 3)
    np.savez_compressed("float-rgb.npz", x_train=x, y_train=np.array([0, 1, 1, 0], dtype=np.int32),
                        x_test=x[:2], y_test=np.array([1, 0], dtype=np.int32))

    os.makedirs("npy", exist_ok=True)
    for name, value in arrays().items():
        np.save(os.path.join("npy", name + ".npy"), value)

    # Header versions 2.0 and 3.0 of the same labels.
    for version in [(2, 0), (3, 0)]:
        with open("labels-v%d.npy" % version[0], "wb") as f:
            npformat.write_array(f, np.array([3, 1, 4, 1, 5], dtype=np.int16), version=version)

    np.save("fortran.npy", np.asfortranarray(np.arange(6, dtype=np.uint8).reshape(2, 3)))
    np.save("object.npy", np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
    np.save("big-endian.npy", np.arange(4, dtype=">f4"))
    np.save("structured.npy", np.zeros(2, dtype=[("a", "<i4"), ("b", "<f4")]))


if __name__ == "__main__":
    main()
