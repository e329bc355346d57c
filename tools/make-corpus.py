#!/usr/bin/python3
"""Write a synthetic corpus of RSS feeds: FILES feeds of ITEMS items, every item a distinct text.

Usage: tools/make-corpus.py DIR [--files N] [--items N] [--seed N] [--first SERIAL]
Prints the number of items written (= the documents a full ingest must leave).
Used by tools/crash-test and the crash tests of the suite; deterministic for a seed.
"""
import argparse
import os
import random

CITIES = ["Luxembourg", "Rome", "Manama", "Riyadh", "Washington", "Paris", "Abu Dhabi", "Rabat"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
THEMES = ["virtual assets", "the abuse of nonprofit organizations", "antiquities trafficking",
          "front companies", "the private sector", "kidnapping for ransom", "Africa"]


def item(rng, serial):
    year = 2015 + serial % 10
    month = rng.randrange(12)
    day = 1 + rng.randrange(27)
    city = rng.choice(CITIES)
    members = 30 + rng.randrange(60)
    themes = ", ".join(rng.sample(THEMES, 2))
    ordinal = 1 + serial % 40
    text = (
        "<p>The Counter ISIS Finance Group (CIFG) met in %s on %s %d&ndash;%d, %d, for its "
        "meeting number %d.</p><p>The meeting brought together %d members and discussed %s.</p>"
        "<p>Reference %d of this synthetic corpus.</p>"
        % (city, MONTHS[month], day, day + 1, year, ordinal, members, themes, serial))
    return (
        "    <item>\n"
        "      <title>Synthetic statement %d on the CIFG meeting in %s</title>\n"
        "      <link>https://example.org/synthetic/%d</link>\n"
        "      <guid isPermaLink=\"false\">synthetic-%d</guid>\n"
        "      <pubDate>%02d %s %d 12:00:00 GMT</pubDate>\n"
        "      <description><![CDATA[%s]]></description>\n"
        "    </item>\n"
        % (serial, city, serial, serial, day + 1, MONTHS[month][:3], year, text))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--items", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=1, help="the first item's serial")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.dir, exist_ok=True)
    serial = args.first - 1
    for f in range(args.files):
        items = []
        for _ in range(args.items):
            serial += 1
            items.append(item(rng, serial))
        with open(os.path.join(args.dir, "feed-%05d-%d.xml" % (f, args.first)), "w", encoding="utf-8") as out:
            out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n'
                      "    <title>Synthetic feed %d</title>\n    <link>https://example.org/</link>\n"
                      "    <language>en</language>\n" % f)
            out.write("".join(items))
            out.write("  </channel>\n</rss>\n")
    print(serial - args.first + 1)


if __name__ == "__main__":
    main()
