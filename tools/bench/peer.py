"""The peer pipeline for tools/bench: what a Python user would write to do Communique's
ingest — feedparser to parse, regular expressions for the facts, sqlite3 to store one row
per document (deduplicated by the SHA-256 of its text). Prints `documents bytes seconds`.

Usage: python peer.py CORPUS_DIR DATABASE
"""
import hashlib
import html
import json
import os
import re
import sqlite3
import sys
import time

import feedparser

TAGS = re.compile(r"<[^>]+>")
GROUPS = [
    ("cifg", re.compile(r"Counter ISIS Finance Group|CIFG|مكافحة تمويل داعش|مكافحة تمويل التنظيم")),
    ("coalition", re.compile(r"Global Coalition|التحالف الدولي")),
]
ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th) meeting|الاجتماع الـ(\d+)")
MONTHS = {m: i + 1 for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"])}
AR_MONTHS = {m: i + 1 for i, m in enumerate(
    ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
     "ديسمبر"])}
DATE_EN = re.compile(r"(" + "|".join(MONTHS) + r") (\d{1,2})(?:-(\d{1,2}))?, (\d{4})")
DATE_AR = re.compile(r"(\d{1,2})(?: و(\d{1,2}))? [^ ]+/(" + "|".join(AR_MONTHS) + r") (\d{4})")
CITIES = {"Rome": "IT", "روما": "IT", "Riyadh": "SA", "الرياض": "SA", "Manama": "BH", "المنامة": "BH",
          "Luxembourg": "LU", "لوكسمبورغ": "LU", "Kuwait City": "KW", "مدينة الكويت": "KW", "Paris": "FR",
          "باريس": "FR", "London": "GB", "لندن": "GB", "Rabat": "MA", "الرباط": "MA", "Doha": "QA",
          "الدوحة": "QA", "Tunis": "TN", "تونس": "TN", "Copenhagen": "DK", "كوبنهاغن": "DK", "Abuja": "NG",
          "أبوجا": "NG"}
CITY = re.compile("|".join(re.escape(c) for c in sorted(CITIES, key=len, reverse=True)))
COUNT = re.compile(r"(Over|Some|أكثر من|نحو)? ?(\d+) (?:members|عضوا)")
THEMES = {
    "virtual-assets": re.compile(r"virtual assets|الأصول الافتراضية"),
    "antiquities": re.compile(r"antiquities|بالآثار"),
    "front-companies": re.compile(r"front companies|شركات الواجهة"),
    "nonprofit-abuse": re.compile(r"non-profit|غير الربحية"),
    "kidnapping-for-ransom": re.compile(r"kidnapping for ransom|الاختطاف مقابل فدية"),
    "private-sector": re.compile(r"private sector|القطاع الخاص"),
    "region/africa": re.compile(r"Africa|أفريقيا"),
}


def facts(text):
    out = {}
    for slug, pattern in GROUPS:
        if pattern.search(text):
            out["group"] = slug
            break
    m = ORDINAL.search(text)
    if m:
        out["ordinal"] = int(m.group(1) or m.group(2))
    m = DATE_EN.search(text)
    if m:
        out["start"] = f"{m.group(4)}-{MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}"
    else:
        m = DATE_AR.search(text)
        if m:
            out["start"] = f"{m.group(4)}-{AR_MONTHS[m.group(3)]:02d}-{int(m.group(1)):02d}"
    m = CITY.search(text)
    if m:
        out["city"] = m.group(0)
        out["country"] = CITIES[m.group(0)]
    m = COUNT.search(text)
    if m:
        out["count"] = int(m.group(2))
    out["themes"] = [t for t, p in THEMES.items() if p.search(text)]
    return out


def main():
    corpus, database = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    db = sqlite3.connect(database)
    db.execute("CREATE TABLE IF NOT EXISTS documents (id TEXT PRIMARY KEY, guid TEXT, link TEXT, "
               "published TEXT, language TEXT, title TEXT, text TEXT, facts TEXT)")
    documents = 0
    size = 0
    for name in sorted(os.listdir(corpus)):
        path = os.path.join(corpus, name)
        size += os.path.getsize(path)
        feed = feedparser.parse(path)
        rows = []
        for entry in feed.entries:
            text = html.unescape(TAGS.sub("\n", entry.get("description", ""))).strip()
            digest = hashlib.sha256(text.encode()).hexdigest()
            rows.append((digest, entry.get("id"), entry.get("link"), entry.get("published"),
                         feed.feed.get("language"), entry.get("title"), text, json.dumps(facts(text))))
        db.executemany("INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        db.commit()
        documents += len(rows)
    db.close()
    print(documents, size, f"{time.perf_counter() - start:.3f}")


if __name__ == "__main__":
    main()
