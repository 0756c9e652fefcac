#!/usr/bin/python3
"""Independent PNG decoder for the encoder's tests (standard library only).

Usage: decode_png.py IN.png OUT.raw

Checks the signature, chunk order and every chunk's CRC, reads IHDR (8-bit gray or RGB,
non-interlaced only), inflates the concatenated IDAT data, undoes the five scanline filters
(PNG spec section 9) and writes the raw pixels, row-major, to OUT.raw. Prints one JSON line:
  {"width", "height", "bitDepth", "colorType", "interlace", "chunks": [types in order],
   "idatChunks", "filters": [rows using None, Sub, Up, Average, Paeth]}
On any defect it prints the reason to stderr and exits with status 1.
"""
import json
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def fail(message):
    sys.stderr.write(message + "\n")
    sys.exit(1)


def chunks(data):
    if data[:8] != SIGNATURE:
        fail("bad signature %r" % data[:8])
    pos = 8
    while pos < len(data):
        if pos + 8 > len(data):
            fail("truncated chunk header at byte %d" % pos)
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 8 + length
        if end + 4 > len(data):
            fail("chunk %r at byte %d runs past the end" % (kind, pos))
        body = data[pos + 8:end]
        (crc,) = struct.unpack(">I", data[end:end + 4])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            fail("CRC mismatch in chunk %r at byte %d" % (kind, pos))
        yield kind.decode("ascii"), body
        pos = end + 4


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def unfilter(raw, height, row_bytes, bpp):
    out = bytearray()
    counts = [0] * 5
    prev = bytearray(row_bytes)
    stride = row_bytes + 1
    if len(raw) != height * stride:
        fail("inflated %d bytes, expected %d" % (len(raw), height * stride))
    for y in range(height):
        kind = raw[y * stride]
        line = bytearray(raw[y * stride + 1:(y + 1) * stride])
        if kind > 4:
            fail("row %d has filter type %d" % (y, kind))
        counts[kind] += 1
        if kind == 1:
            for i in range(bpp, row_bytes):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((x + u) & 0xFF for x, u in zip(line, prev))
        elif kind == 3:
            for i in range(row_bytes):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(row_bytes):
                if i >= bpp:
                    pred = paeth(line[i - bpp], prev[i], prev[i - bpp])
                else:
                    pred = prev[i]  # paeth(0, up, 0) is always up
                line[i] = (line[i] + pred) & 0xFF
        out += line
        prev = line
    return bytes(out), counts


def main():
    if len(sys.argv) != 3:
        fail("usage: decode_png.py IN.png OUT.raw")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    found = list(chunks(data))
    kinds = [k for k, _ in found]
    if not kinds or kinds[0] != "IHDR":
        fail("first chunk is %r, not IHDR" % (kinds[:1],))
    if kinds[-1] != "IEND" or kinds.count("IEND") != 1 or found[-1][1]:
        fail("IEND missing, repeated or not empty: %r" % kinds)
    idat = [i for i, k in enumerate(kinds) if k == "IDAT"]
    if not idat or idat != list(range(idat[0], idat[0] + len(idat))):
        fail("IDAT chunks missing or not consecutive: %r" % kinds)
    header = found[0][1]
    if len(header) != 13:
        fail("IHDR has %d bytes, not 13" % len(header))
    width, height, depth, color, compression, filter_method, interlace = struct.unpack(">IIBBBBB", header)
    if width == 0 or height == 0:
        fail("zero-sized image %dx%d" % (width, height))
    if depth != 8 or color not in (0, 2) or compression != 0 or filter_method != 0 or interlace != 0:
        fail("unsupported IHDR depth=%d color=%d compression=%d filter=%d interlace=%d"
             % (depth, color, compression, filter_method, interlace))
    bpp = 3 if color == 2 else 1
    inflater = zlib.decompressobj()
    raw = inflater.decompress(b"".join(found[i][1] for i in idat)) + inflater.flush()
    if not inflater.eof or inflater.unused_data:
        fail("zlib stream incomplete or followed by stray bytes")
    pixels, counts = unfilter(raw, height, width * bpp, bpp)
    with open(sys.argv[2], "wb") as f:
        f.write(pixels)
    print(json.dumps({"width": width, "height": height, "bitDepth": depth, "colorType": color,
                      "interlace": interlace, "chunks": kinds, "idatChunks": len(idat),
                      "filters": counts}))


if __name__ == "__main__":
    main()
