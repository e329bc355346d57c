#!/usr/bin/env python3
"""Regenerate Sources/Feeds/Encoding/SingleByteTables.swift (bytes 0x80-0xFF -> code points).

Run from the repository root:  python3 tools/gen-codepages.py > Sources/Feeds/Encoding/SingleByteTables.swift
Check it is current:            python3 tools/gen-codepages.py | diff - Sources/Feeds/Encoding/SingleByteTables.swift

The mappings are Python's codecs (cp1256, cp1252, iso8859_6, iso8859_15), which are generated
from the Unicode consortium's mapping files. A byte the codec refuses becomes 0 (undefined).
To add an encoding, add a row to TABLES and a case in TextEncoding/Transcoder.
"""
import sys

PER_LINE = 12

# (Swift name, Python codec, doc comment)
TABLES = [
    ("windows1256", "cp1256", "windows-1256 (Arabic, Microsoft)."),
    (
        "windows1252",
        "cp1252",
        "windows-1252 (Western European, Microsoft); also used for `us-ascii` with high bytes.",
    ),
    ("iso8859_6", "iso8859_6", "ISO-8859-6 (Arabic)."),
    ("iso8859_15", "iso8859_15", "ISO-8859-15 (Western European with the euro sign)."),
]

HEADER = """\
/// Code points of the bytes 0x80–0xFF in the single-byte encodings feeds declare.
///
/// Foundation on Linux has no windows-1256 or ISO-8859-6; these tables are generated from the
/// Unicode consortium's mappings. `0` marks a byte the encoding leaves undefined.
enum SingleByteTables {
"""


def code_points(codec: str) -> list[int]:
    points = []
    for byte in range(0x80, 0x100):
        try:
            points.append(ord(bytes([byte]).decode(codec)))
        except UnicodeDecodeError:
            points.append(0)
    return points


def main() -> None:
    out = [HEADER]
    for index, (name, codec, doc) in enumerate(TABLES):
        if index:
            out.append("\n")
        out.append(f"  /// {doc}\n  static let {name}: [UInt16] = [\n")
        points = code_points(codec)
        for start in range(0, len(points), PER_LINE):
            row = points[start : start + PER_LINE]
            out.append("    " + " ".join(f"0x{p:04X}," for p in row) + "\n")
        out.append("  ]\n")
    out.append("}\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
