#!/usr/bin/env python3
"""Checks that a screenshot of a Communique report shows drawn charts, not a blank page.

Usage: check-png.py SHOT.png MINIMUM COLOUR [COLOUR...]
  Counts the pixels of exactly the given colours (hex, as the report's style sheet paints
  the charts: the timeline's meetings and the step lines, or the theme bars) and fails
  unless there are at least MINIMUM of them and at least 1% of the picture is not background.

Reads PNG itself (zlib and the five row filters), so it needs nothing beyond python3.
"""
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"{path}: only 8-bit RGB/RGBA non-interlaced PNG is read here")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(line)
        previous = line
    return width, height, channels, rows


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    path, minimum = sys.argv[1], int(sys.argv[2])
    wanted = {bytes.fromhex(c.lstrip("#")) for c in sys.argv[3:]}
    width, height, channels, rows = read_png(path)
    painted = drawn = 0
    for line in rows:
        for x in range(0, len(line), channels):
            rgb = bytes(line[x : x + 3])
            if rgb in wanted:
                painted += 1
            if rgb[0] < 235 or rgb[1] < 235 or rgb[2] < 235:
                drawn += 1
    share = drawn / (width * height)
    ok = painted >= minimum and share >= 0.01
    print(f"{path}: {width}x{height}, {painted} chart pixels (need {minimum}), {share:.1%} drawn"
          + ("" if ok else " — BLANK"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
