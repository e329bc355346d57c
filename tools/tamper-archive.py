#!/usr/bin/python3
"""Tamper with a Communique archive the way an outsider could, with Debian's python3-lmdb.

Usage: /usr/bin/python3 tools/tamper-archive.py ARCHIVE KIND SEQ
KIND:
  change   flip one byte of event SEQ's payload (its hash left as it was)
  rehash   change event SEQ's payload and recompute its hash, as a careful forger would
  insert   insert a forged event at SEQ (> 1), chained to SEQ-1, moving SEQ… one key up
  remove   delete event SEQ and move the later events one key down
  drop     delete event SEQ and leave the gap
  reorder  swap events SEQ and SEQ+1
Only the events database is touched (not meta/head, not the indexes), so the test of each
kind is whether `verify` names SEQ as the first bad seq. For tests and demonstrations.
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


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    path, kind, seq = sys.argv[1], sys.argv[2], int(sys.argv[3])
    env = lmdb.open(path, max_dbs=16, subdir=True)
    events = env.open_db(b"events", create=False)
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
