#!/usr/bin/python3
"""Tamper with a Communique archive the way an outsider could, with Debian's python3-lmdb.

Usage: /usr/bin/python3 tools/tamper-archive.py ARCHIVE KIND SEQ [OTHER]
KIND:
  change   flip one byte of event SEQ's payload (its hash left as it was)
  rehash   change event SEQ's payload and recompute its hash, as a careful forger would
  insert   insert a forged event at SEQ (> 1), chained to SEQ-1, moving SEQ… one key up
  remove   delete event SEQ and move the later events one key down
  drop     delete event SEQ and leave the gap
  reorder  swap events SEQ and SEQ+1
Those touch only the events database (not meta/head, not the indexes), so the test of each
kind is whether `verify` names SEQ as the first bad seq. These damage one other store:
  head       flip a byte of the head hash recorded in meta (SEQ is ignored)
  merkle     flip a byte of the stored Merkle leaf of event SEQ
  documents  point the documents index entry of the document ingested at SEQ at OTHER
  releases   point the releases index entries that name SEQ at OTHER
  format     set meta/format to the byte SEQ
For tests and demonstrations.
"""
import hashlib
import sys

import lmdb

HEADER = 74


def key(seq):
    return seq.to_bytes(8, "big")


def rehashed(seq, prev, value):
    body = value[64:]
    return hashlib.sha256(prev + key(seq) + body).digest() + prev + body


def damage_store(env, txn, kind, seq, other, events):
    meta = env.open_db(b"meta", txn=txn, create=False)
    if kind == "head":
        head = bytearray(txn.get(b"head", db=meta))
        head[20] ^= 0x01
        txn.put(b"head", bytes(head), db=meta)
    elif kind == "format":
        txn.put(b"format", bytes([seq]), db=meta)
    elif kind == "merkle":
        merkle = env.open_db(b"merkle", txn=txn, create=False)
        node_key = key(seq - 1) + bytes([0])
        node = bytearray(txn.get(node_key, db=merkle))
        node[0] ^= 0x01
        txn.put(node_key, bytes(node), db=merkle)
    elif kind == "documents":
        documents = env.open_db(b"documents", txn=txn, create=False)
        digest = txn.get(key(seq), db=events)[HEADER + 1:HEADER + 33]
        if txn.get(digest, db=documents) != key(seq):
            print("tamper-archive: event %d ingested no document" % seq, file=sys.stderr)
            return 1
        txn.put(digest, key(other), db=documents)
    elif kind == "releases":
        releases = env.open_db(b"releases", txn=txn, create=False)
        named = [bytes(k) for k, v in txn.cursor(db=releases) if bytes(v) == key(seq)]
        if not named:
            print("tamper-archive: no releases entry names event %d" % seq, file=sys.stderr)
            return 1
        for k in named:
            txn.put(k, key(other), db=releases)
    return 0


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    if len(sys.argv) not in (4, 5):
        print(__doc__.strip(), file=sys.stderr)
        return 64
    path, kind, seq = sys.argv[1], sys.argv[2], int(sys.argv[3])
    other = int(sys.argv[4]) if len(sys.argv) == 5 else 0
    env = lmdb.open(path, max_dbs=16, subdir=True)
    events = env.open_db(b"events", create=False)
    if kind in ("head", "merkle", "documents", "releases", "format"):
        with env.begin(write=True) as txn:
            return damage_store(env, txn, kind, seq, other, events)
    with env.begin(write=True) as txn:
        stored = {int.from_bytes(k, "big"): bytes(v) for k, v in txn.cursor(db=events)}
        last = max(stored)
        value = stored[seq]
        if kind == "change":
            changed = bytearray(value)
            changed[HEADER + (len(value) - HEADER) // 2] ^= 0x20
            txn.put(key(seq), bytes(changed), db=events)
        elif kind == "rehash":
            # Append a byte to the payload: still a well-formed event of its kind for
            # readers that stop early, with a hash that matches its bytes.
            txn.put(key(seq), rehashed(seq, value[32:64], value + b"\x00"), db=events)
        elif kind == "insert":
            for s in range(last, seq - 1, -1):
                txn.put(key(s + 1), stored[s], db=events)
            # A copy of the event before, re-chained: its prev and hash both hold.
            txn.put(key(seq), rehashed(seq, value[32:64], stored[seq - 1]), db=events)
        elif kind in ("remove", "drop"):
            txn.delete(key(seq), db=events)
            if kind == "remove":
                for s in range(seq + 1, last + 1):
                    txn.put(key(s - 1), stored[s], db=events)
                txn.delete(key(last), db=events)
        elif kind == "reorder":
            txn.put(key(seq), stored[seq + 1], db=events)
            txn.put(key(seq + 1), value, db=events)
        else:
            print("tamper-archive: unknown kind %s" % kind, file=sys.stderr)
            return 64
    return 0


if __name__ == "__main__":
    sys.exit(main())
