#!/usr/bin/env python3
"""Regenerate Sources/Feeds/Entities/HTMLEntityData.swift from the WHATWG entity list.

Run from the repository root:  python3 tools/gen-entities.py > Sources/Feeds/Entities/HTMLEntityData.swift
Check it is current:            python3 tools/gen-entities.py | diff - Sources/Feeds/Entities/HTMLEntityData.swift

The data is Python's html.entities.html5, which is the WHATWG "entities.json" list (2,231
names, with and without the trailing ';'). No network access is needed.
"""
import html.entities
import sys

WIDTH = 97  # the width the file was first written with; keeps the output byte-identical
INDENT = "  "

HEADER = '''\
/// The HTML5 named character references (WHATWG list, {count} names), as data.
///
/// Each entry is `name=hex[.hex]`: the name as written after `&` (with its `;`, or without for
/// the legacy names HTML accepts bare) and the code points it stands for. Parsed once on first use.
let htmlEntityData = """
'''


def main() -> None:
    table = html.entities.html5
    entries = [
        name + "=" + ".".join(format(ord(c), "x") for c in value)
        for name, value in sorted(table.items())
    ]
    lines, line = [], ""
    for entry in entries:
        candidate = entry if not line else line + " " + entry
        if len(INDENT) + len(candidate) > WIDTH:
            lines.append(line)
            line = entry
        else:
            line = candidate
    lines.append(line)
    out = HEADER.format(count=f"{len(table):,}")
    out += "".join(INDENT + l + "\n" for l in lines)
    out += INDENT + '"""\n'
    sys.stdout.write(out)


if __name__ == "__main__":
    main()
