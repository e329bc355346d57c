#!/usr/bin/python3
"""Re-verify a Communique archive from docs/FORMAT.md alone, with Debian's python3-lmdb.

Usage: /usr/bin/python3 tools/verify-archive.py ARCHIVE [--json]
Exit 0 when the archive holds; 1 and the first bad seq otherwise.
"""
import hashlib
import json
import sys
import zlib

import lmdb

HEADER = 74
TYPES = {1: "document.ingested", 2: "document.reextracted", 3: "fact.corrected", 4: "document.retracted",
         5: "subscription.added", 6: "subscription.changed", 7: "subscription.removed", 8: "capture.recorded"}


def varint(data, offset):
    """An unsigned LEB128 varint at offset: (value, offset after it)."""
    value, shift = 0, 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, offset


def text_dictionary(data):
    """The text dictionary id a version-3 document.ingested payload's block is compressed
    against, or None (FORMAT.md: the document's head, then storedblock)."""
    def string(offset):
        length, offset = varint(data, offset)
        return offset + length

    def optional(offset, read):
        return read(offset + 1) if data[offset] == 1 else offset + 1

    offset = optional(33, lambda o: o + 32)  # revises
    offset = optional(optional(string(offset), string), string)  # format, guid, link
    offset = optional(offset, lambda o: varint(data, o)[1])  # published
    offset = optional(string(offset), string) + 1  # language, originalLink, isTranslation
    if data[offset] != 2:
        return None
    _, offset = varint(data, offset + 1)  # the block's length
    return varint(data, offset)[0]


def string_end(data, offset):
    """The offset after a string (varint length, then the bytes)."""
    length, offset = varint(data, offset)
    return offset + length


def optional_string(data, offset):
    """An optional string at offset: (its bytes or None, offset after it)."""
    if data[offset] == 0:
        return None, offset + 1
    end = string_end(data, offset + 1)
    length, start = varint(data, offset + 1)
    return bytes(data[start:end]), end


def capture_body(data):
    """The body digest and length of a capture.recorded payload (FORMAT.md, 8): after the
    version, two URLs, the status, the HTTP version, two header lists, the fetch time and
    the redirects."""
    offset = string_end(data, string_end(data, 1))  # requestedURL, finalURL
    offset = varint(data, offset)[1]  # status
    offset = string_end(data, offset)  # httpVersion
    for _ in range(2):  # request and response headers: name, value
        count, offset = varint(data, offset)
        for _ in range(count):
            offset = string_end(data, string_end(data, offset))
    offset = varint(data, offset)[1]  # fetchedAt
    count, offset = varint(data, offset)
    for _ in range(count):  # redirects: status, from, to
        offset = string_end(data, string_end(data, varint(data, offset)[1]))
    digest = bytes(data[offset:offset + 32])
    length, end = varint(data, offset + 32)
    if len(digest) != 32 or end != len(data):
        raise IndexError("capture.recorded payload malformed")
    return digest, length


def guid_and_link(data):
    """The guid and link of a document.ingested payload (FORMAT.md: in version 3 the head,
    in versions 1 and 2 the document, after source, format and feed)."""
    offset = 33 + (33 if data[33] == 1 else 1)  # version, id, optional revises
    if data[0] & 0x3F == 3:
        offset = string_end(data, offset)  # format
    else:
        offset = string_end(data, string_end(data, offset))  # source, format
        if data[offset] == 1:  # feed: optional title, link, language
            offset += 1
            for _ in range(3):
                offset = optional_string(data, offset)[1]
        else:
            offset += 1
    guid, offset = optional_string(data, offset)
    link, offset = optional_string(data, offset)
    return guid, link


def release_keys(guid, link):
    """The releases index keys of a guid and a link (FORMAT.md): 0x01 or 0x02 and the first
    16 bytes of SHA-256 of the text."""
    keys = []
    if guid:
        keys.append(b"\x01" + hashlib.sha256(guid).digest()[:16])
    if link:
        keys.append(b"\x02" + hashlib.sha256(link).digest()[:16])
    return keys


def legacy_checksum(data):
    """The 8-byte checksum that snapshot layout 6 and 520-byte view-events blocks carry
    (FORMAT.md, checksums: the earlier checksum)."""
    mask, k = (1 << 64) - 1, 0x9E3779B97F4A7C15
    lanes = [1, 2, 3, 4]
    at = 0
    while at + 32 <= len(data):
        for i in range(4):
            lane = ((lanes[i] ^ int.from_bytes(data[at + 8 * i:at + 8 * i + 8], "little")) * k) & mask
            lanes[i] = lane ^ (lane >> 29)
        at += 32
    h = (len(data) * k) & mask
    for lane in lanes:
        h = ((h ^ lane) * 0xBF58476D1CE4E5B9) & mask
    for byte in data[at:]:
        h = ((h ^ byte) * 0x94D049BB133111EB) & mask
    return h ^ (h >> 31)


def open_derived(env):
    """The view-events, snapshots and view-snapshots databases that exist (opened before the
    read transaction, which sees only handles opened before it began)."""
    handles = {}
    for name in (b"view-events", b"snapshots", b"view-snapshots"):
        try:
            handles[name] = env.open_db(name, create=False)
        except lmdb.NotFoundError:
            pass
    return handles


def damaged_derived(txn, handles):
    """The seq and problem of the first view-events block or snapshot whose checksum does not
    match (FORMAT.md: CRC-32, or the earlier checksum in a 520-byte block), else None.
    Snapshots in layouts before 0x07 are skipped, as readers skip them."""
    if b"view-events" in handles:
        for key, value in txn.cursor(db=handles[b"view-events"]):
            if len(key) != 8:
                continue
            number = int.from_bytes(key, "big")
            bits = bytes(value[:512])
            if len(value) == 516:
                intact = zlib.crc32(bits, zlib.crc32(bytes(key))) == int.from_bytes(value[512:], "big")
            elif len(value) == 520:
                expected = legacy_checksum(bits) ^ ((number * 0x9E3779B97F4A7C15) & ((1 << 64) - 1))
                intact = expected == int.from_bytes(value[512:], "little")
            else:
                intact = False
            if not intact:
                return max(number * 4096, 1), "the view-events block from this seq is damaged"
    for name, what in ((b"snapshots", "snapshot"), (b"view-snapshots", "view snapshot")):
        if name not in handles:
            continue
        parts = {}
        for key, value in txn.cursor(db=handles[name]):
            if len(key) == 12:
                parts.setdefault(int.from_bytes(key[:8], "big"), []).append(bytes(value))
        for seq, values in sorted(parts.items()):
            stored = b"".join(values)
            if len(stored) > 36 and stored[32] == 7 and zlib.crc32(stored[:-4]) != int.from_bytes(stored[-4:], "big"):
                return seq, "the %s at this seq is damaged" % what
    return None


def verify(path):
    env = lmdb.open(path, readonly=True, lock=False, max_dbs=16, subdir=True)
    events_db = env.open_db(b"events", create=False)
    meta_db = env.open_db(b"meta", create=False)
    try:
        documents_db = env.open_db(b"documents", create=False)
    except lmdb.NotFoundError:
        documents_db = None
    try:
        dictionaries_db = env.open_db(b"dictionaries", create=False)
    except lmdb.NotFoundError:
        dictionaries_db = None
    try:
        releases_db = env.open_db(b"releases", create=False)
    except lmdb.NotFoundError:
        releases_db = None
    try:
        bodies_db = env.open_db(b"capture-bodies", create=False)
    except lmdb.NotFoundError:
        bodies_db = None
    derived = open_derived(env)
    releases = {}
    first_use = {}
    prev = bytes(32)
    prev_before = bytes(32)
    expected = 1
    last_time = None
    ingested = {}
    with env.begin() as txn:
        stored_format = txn.get(b"format", db=meta_db)
        if stored_format is not None and stored_format != b"\x01":
            return 0, prev, (1, "unknown storage format %s (meta/format; this reads 1)" % bytes(stored_format).hex())
        for key, value in txn.cursor(db=events_db):
            if len(key) != 8:
                return expected - 1, prev, (expected, "key is not 8 bytes")
            seq = int.from_bytes(key, "big")
            if seq != expected:
                return expected - 1, prev, (expected, "missing: the next stored event is seq %d" % seq)
            if len(value) < HEADER:
                return expected - 1, prev, (seq, "stored value shorter than the header")
            stored_hash, stored_prev, version, kind = value[0:32], value[32:64], value[64], value[65]
            recorded = int.from_bytes(value[66:74], "big", signed=True)
            if version != 1:
                return expected - 1, prev, (seq, "unknown envelope version %d" % version)
            if kind not in TYPES:
                return expected - 1, prev, (seq, "unknown event type %d" % kind)
            if stored_prev != prev:
                # Name the event tampered with, not merely where the chain breaks.
                if seq > 1 and hashlib.sha256(stored_prev + key + value[64:]).digest() == stored_hash:
                    return expected - 1, prev, (seq - 1, "changed or replaced: its hash is not the prev "
                                                "seq %d recorded" % seq)
                if seq > 1 and stored_prev == prev_before:
                    return expected - 1, prev, (seq - 1, "inserted: seq %d was chained to seq %d"
                                                % (seq, seq - 2))
                return expected - 1, prev, (seq, "prev is not the hash of seq %d" % (seq - 1))
            if hashlib.sha256(prev + key + value[64:]).digest() != stored_hash:
                return expected - 1, prev, (seq, "hash does not match the stored bytes")
            if last_time is not None and recorded < last_time:
                return expected - 1, prev, (seq, "recordedAt goes back in time")
            data = value[HEADER:]
            if kind == 1:
                # Bit 0x80 of the version: the document's encoding decision follows its facts;
                # bit 0x40: the seq of the capture it was read from follows that.
                if len(data) < 33 or data[0] & 0x3F not in (1, 2, 3):
                    return expected - 1, prev, (seq, "document.ingested payload malformed")
                ingested[bytes(data[1:33])] = seq
                try:
                    for release in release_keys(*guid_and_link(data)):
                        releases[release] = seq
                except IndexError:
                    return expected - 1, prev, (seq, "document.ingested payload malformed")
                if data[0] & 0x3F == 3:
                    try:
                        first_use.setdefault(text_dictionary(data), seq)
                    except IndexError:
                        return expected - 1, prev, (seq, "document.ingested payload malformed")
            if kind == 8:
                # The body is beside the log, by digest: present, and when stored plain (codec
                # 0) its SHA-256 and length are checked; a Zstandard one needs Communique's verify.
                try:
                    digest, length = capture_body(data)
                except IndexError:
                    return expected - 1, prev, (seq, "capture.recorded payload malformed")
                stored = txn.get(digest, db=bodies_db) if bodies_db is not None else None
                if stored is None:
                    return expected - 1, prev, (seq, "capture body sha256:%s is missing" % digest.hex())
                if stored[0] == 0:
                    start = varint(stored, 1)[1]
                    body = bytes(stored[start:])
                    if len(body) != length or hashlib.sha256(body).digest() != digest:
                        return expected - 1, prev, (seq, "capture body sha256:%s is damaged" % digest.hex())
            prev_before = prev
            prev, last_time, expected = bytes(stored_hash), recorded, expected + 1
        count = expected - 1
        if count and stored_format is None:
            return count, prev, (1, "meta/format is missing or not 1")
        head = txn.get(b"head", db=meta_db)
        if count and (head is None or len(head) != 40):
            return count, prev, (1, "no head recorded in meta")
        if head is not None and int.from_bytes(head[:8], "big") != count:
            return count, prev, (min(int.from_bytes(head[:8], "big"), count) + 1,
                                 "the head recorded at the last append differs from the log's end")
        if head is not None and head[8:] != prev:
            return count, prev, (count, "hash differs from the head recorded at the last append")
        if documents_db is not None:
            indexed = {bytes(k): int.from_bytes(v, "big") for k, v in txn.cursor(db=documents_db)}
            if indexed != ingested:
                return count, prev, (count, "the documents index differs from the ingested documents")
        if releases_db is not None:
            stored = {bytes(k): bytes(v) for k, v in txn.cursor(db=releases_db)}
            # Keys of the earlier layout (guid:/link: and the text) are rebuilt by a writable open.
            if not any(k.startswith((b"guid:", b"link:")) for k in stored):
                for k, v in stored.items():
                    should = releases.get(k)
                    held = int.from_bytes(v, "big") if len(v) == 8 else None
                    if should is None:
                        at = min(max(held if held is not None else count, 1), max(count, 1))
                        return count, prev, (at, "the releases index holds an entry for a guid or link no "
                                             "document has")
                    if held != should:
                        return count, prev, (should, "the releases index does not point at this document, "
                                             "the latest under its guid or link")
                missing = [seq for k, seq in releases.items() if k not in stored]
                if missing:
                    return count, prev, (min(missing), "the releases index lacks this document's guid or link")
        if dictionaries_db is not None:
            for key, value in txn.cursor(db=dictionaries_db):
                ident = int.from_bytes(key, "big")
                if len(key) != 4 or len(value) <= 32 or hashlib.sha256(value[32:]).digest() != value[:32]:
                    return count, prev, (first_use.get(ident, count), "text dictionary %d is damaged" % ident)
        damaged = damaged_derived(txn, derived)
        if damaged is not None:
            return count, prev, damaged
    return count, prev, None


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    try:
        count, head, failure = verify(args[0])
    except lmdb.Error as error:
        print("verify-archive: cannot open %s: %s" % (args[0], error), file=sys.stderr)
        return 74
    if "--json" in sys.argv:
        print(json.dumps({"ok": failure is None, "events": count, "head": head.hex(),
                          "failure": None if failure is None else {"seq": failure[0], "problem": failure[1]}}))
    elif failure is None:
        print("verified %d events; head %s" % (count, head.hex()))
    else:
        print("verification failed at seq %d: %s" % failure, file=sys.stderr)
    return 0 if failure is None else 1


if __name__ == "__main__":
    sys.exit(main())
