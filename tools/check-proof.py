#!/usr/bin/python3
"""Check Communique's Merkle proofs and signed checkpoints without Communique.

An independent implementation of RFC 6962 / RFC 9162 (the hashing, the recursive
definitions of roots and proofs, and the RFC 9162 verification algorithms), written from
docs/PROOFS.md and docs/FORMAT.md on the Python standard library. Ed25519 signatures need
the `cryptography` package from PyPI; without it, signature checks are skipped with a
message and every hash check still runs.

Usage:
  check-proof.py checkpoint HEAD [--key KEY.pub]
  check-proof.py inclusion PROOF.json [--checkpoint HEAD] [--key KEY.pub]
  check-proof.py consistency PROOF.json [--old HEAD] [--new HEAD] [--key KEY.pub]
  check-proof.py vectors VECTORS.json [--archive ARCHIVE]

HEAD is a checkpoint as `communique checkpoint` prints it: a C2SP tlog-checkpoint signed
note (c2sp.org/tlog-checkpoint, c2sp.org/signed-note), or the older 'communique tree head
v1' text or --json. KEY is a public key file from `communique keygen`, or a verifier key
string NAME+KEYID+BASE64; a signed note's signature is checked only with --key, since the
note names its key by a 4-byte ID alone. PROOF.json is
`communique prove --json` (inclusion) or `communique verify --against HEAD --json`
(consistency; its "against" member, or that member's "proof", also do).
`vectors` recomputes every root and proof a vectors file claims from its leaves (or from
the archive's events, read with python3-lmdb) and checks the claims; the test suite uses it.

Exit status: 0 all checks hold, 1 a check fails, 64 usage, 65 unreadable input, 66 a
missing file.
"""
import argparse
import base64
import binascii
import hashlib
import json
import os
import sys

HEADER = "communique tree head v1"
EM_DASH = "\u2014"
KEY_NAME = "# key name: "
EMPTY_ROOT = hashlib.sha256(b"").digest()
TYPES = {1: "document.ingested", 2: "document.reextracted", 3: "fact.corrected", 4: "document.retracted"}


class BadInput(Exception):
    """An input that is not what it should be (exit 65)."""


class Failed(Exception):
    """A check that does not hold (exit 1)."""


# --- RFC 6962 hashing and definitions ------------------------------------------------------

def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def split(n):
    """The largest power of two smaller than n (n >= 2)."""
    k = 1
    while k << 1 < n:
        k <<= 1
    return k


def mth(leaves):
    """MTH(D[n]) over leaf hashes (RFC 6962 section 2.1)."""
    if not leaves:
        return EMPTY_ROOT
    if len(leaves) == 1:
        return leaves[0]
    k = split(len(leaves))
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def path(m, leaves):
    """PATH(m, D[n]) (RFC 6962 section 2.1.1)."""
    if len(leaves) <= 1:
        return []
    k = split(len(leaves))
    if m < k:
        return path(m, leaves[:k]) + [mth(leaves[k:])]
    return path(m - k, leaves[k:]) + [mth(leaves[:k])]


def proof(m, leaves):
    """PROOF(m, D[n]) (RFC 6962 section 2.1.2); empty for m = 0 or m = n."""
    def subproof(m, d, b):
        if m == len(d):
            return [] if b else [mth(d)]
        k = split(len(d))
        if m <= k:
            return subproof(m, d[:k], b) + [mth(d[k:])]
        return subproof(m - k, d[k:], False) + [mth(d[:k])]
    if m == 0 or m >= len(leaves):
        return []
    return subproof(m, leaves, True)


# --- RFC 9162 verification -----------------------------------------------------------------

def root_from_inclusion(index, size, leaf, audit):
    """RFC 9162 section 2.1.3.2: the root the audit path leads to, or None."""
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in audit:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def verify_consistency(old_size, old_root, new_size, new_root, audit):
    """RFC 9162 section 2.1.4.2; every tree extends the empty one, equal sizes need equal roots."""
    if old_size > new_size:
        return False
    if old_size == 0:
        return not audit and old_root == EMPTY_ROOT
    if old_size == new_size:
        return not audit and old_root == new_root
    if not audit:
        return False
    audit = list(audit)
    if old_size & (old_size - 1) == 0:
        audit.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = audit[0]
    for c in audit[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


# --- inputs --------------------------------------------------------------------------------

def read_text(path_):
    try:
        with open(path_, "rb") as f:
            return f.read().decode("utf-8")
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError) as e:
        raise BadInput("%s: cannot be read as UTF-8 text (%s)" % (path_, e))


def unhex(text, what, length=32):
    try:
        raw = bytes.fromhex(text)
    except (ValueError, TypeError):
        raise BadInput("%s is not hex" % what)
    if length is not None and len(raw) != length:
        raise BadInput("%s is not %d bytes" % (what, length))
    return raw


def unbase64(text, what, length):
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise BadInput("%s is not base64" % what)
    if len(raw) != length:
        raise BadInput("%s is not %d bytes" % (what, length))
    return raw


class Head:
    """A tree head: size, root, time, subtrees, optional (public key, signature)."""

    def __init__(self, size, root, time, subtrees, signature=None):
        self.size, self.root, self.time, self.subtrees, self.signature = size, root, time, subtrees, signature
        self.note_text = None  # a C2SP checkpoint: the signed text, exactly as read
        self.note_signatures = []  # and its (key name, key ID, signature) lines

    def body(self):
        if self.note_text is not None:
            return self.note_text
        lines = [HEADER, "size %d" % self.size, "root %s" % self.root.hex(), "time %s" % self.time]
        lines += ["subtree %d %d %s" % (s, n, h.hex()) for s, n, h in self.subtrees]
        return "".join(line + "\n" for line in lines).encode("utf-8")

    def whole(self):
        """The subtrees tile the size (largest power of two first) and fold to the root."""
        at = 0
        for start, count, _ in self.subtrees:
            remaining = self.size - at
            if remaining <= 0 or start != at or count != 1 << (remaining.bit_length() - 1):
                return False
            at += count
        if at != self.size:
            return False
        if not self.subtrees:
            return self.root == EMPTY_ROOT
        r = self.subtrees[-1][2]
        for _, _, h in reversed(self.subtrees[:-1]):
            r = node_hash(h, r)
        return r == self.root


def parse_note(text, source):
    """A C2SP tlog-checkpoint, signed note or bare body: origin, size, base64 root, extensions."""
    if not text.endswith("\n"):
        raise BadInput("%s: a checkpoint ends with a newline" % source)
    signatures = []
    if "\n\n" in text or "\n" + EM_DASH + " " in text:
        if "\n\n" not in text:
            raise BadInput("%s: no blank line between the checkpoint and its signature lines" % source)
        cut = text.rindex("\n\n")
        body, rest = text[:cut + 1], text[cut + 2:]
        first = body.count("\n") + 2
        for number, line in enumerate(rest.split("\n")[:-1], start=first):
            where = "%s: line %d" % (source, number)
            words = line[2:].split(" ") if line.startswith(EM_DASH + " ") else []
            if len(words) != 2 or not words[0] or "+" in words[0]:
                raise BadInput("%s: expected '%s KEYNAME BASE64'" % (where, EM_DASH))
            try:
                raw = base64.b64decode(words[1], validate=True)
            except (binascii.Error, ValueError):
                raise BadInput("%s: the signature is not base64" % where)
            if len(raw) < 5:
                raise BadInput("%s: the signature is shorter than a key ID" % where)
            signatures.append((words[0], raw[:4], raw[4:]))
        if not signatures:
            raise BadInput("%s: no signature lines after the blank line" % source)
    else:
        body = text
    lines = body.split("\n")[:-1]
    if len(lines) < 3 or not lines[0]:
        raise BadInput("%s: a checkpoint starts with an origin, a tree size and a root hash line" % source)
    if not lines[1].isdigit() or str(int(lines[1])) != lines[1]:
        raise BadInput("%s: line 2: the tree size is not a decimal number" % source)
    root = unbase64(lines[2], "%s: line 3: the root hash" % source, 32)
    time, subtrees = None, []
    for number, line in enumerate(lines[3:], start=4):
        words = line.split(" ")
        where = "%s: line %d" % (source, number)
        if not line:
            raise BadInput("%s: an empty extension line" % where)
        if words[0] == "time" and len(words) == 2 and time is None:
            time = words[1]
        elif words[0] == "subtree":
            if len(words) != 4 or not words[1].isdigit() or not words[2].isdigit():
                raise BadInput("%s: expected 'subtree START SIZE HASH'" % where)
            subtrees.append((int(words[1]), int(words[2]), unhex(words[3], where + ": hash")))
    if time is None:
        raise BadInput("%s: no 'time TIMESTAMP' extension line" % source)
    head = Head(int(lines[1]), root, time, subtrees)
    head.note_text, head.note_signatures = body.encode("utf-8"), signatures
    return head


def parse_head(text, source):
    if not text.startswith(HEADER) and not text.lstrip().startswith("{"):
        head = parse_note(text.replace("\r\n", "\n"), source)
    elif text.lstrip().startswith("{"):
        try:
            j = json.loads(text)
            subtrees = [(int(s["start"]), int(s["size"]), unhex(s["hash"], "%s: a subtree hash" % source))
                        for s in j["subtrees"]]
            if j.get("format") != HEADER:
                raise BadInput("%s: format is not %r" % (source, HEADER))
            head = Head(int(j["size"]), unhex(j["root"], "%s: root" % source), str(j["time"]), subtrees)
            sig = j.get("signature")
            if sig is not None:
                if sig.get("algorithm") != "ed25519":
                    raise BadInput("%s: the signature's algorithm is not ed25519" % source)
                head.signature = (unbase64(sig["publicKey"], "%s: the public key" % source, 32),
                                  unbase64(sig["value"], "%s: the signature" % source, 64))
        except (ValueError, KeyError, TypeError) as e:
            raise BadInput("%s: not a tree head in JSON (%s)" % (source, e))
    else:
        lines = text.split("\n")
        if lines[0].rstrip("\r") != HEADER:
            raise BadInput("%s: not a tree head: the first line is not %r" % (source, HEADER))
        fields, subtrees, signature, in_body = {}, [], None, True
        for number, line in enumerate(lines[1:], start=2):
            line = line.rstrip("\r")
            words = line.split(" ")
            if line == "":
                in_body = False
                continue
            where = "%s: line %d" % (source, number)
            if not in_body:
                if len(words) != 4 or words[:2] != ["signature", "ed25519"]:
                    raise BadInput("%s: expected 'signature ed25519 KEY SIGNATURE'" % where)
                signature = (unbase64(words[2], where + ": the public key", 32),
                             unbase64(words[3], where + ": the signature", 64))
            elif words[0] == "subtree" and len(words) == 4 and words[1].isdigit() and words[2].isdigit():
                subtrees.append((int(words[1]), int(words[2]), unhex(words[3], where + ": hash")))
            elif words[0] in ("size", "root", "time") and len(words) == 2 and words[0] not in fields:
                fields[words[0]] = words[1]
            else:
                raise BadInput("%s: unexpected line %r" % (where, line[:40]))
        if not fields.get("size", "").isdigit() or "root" not in fields or "time" not in fields:
            raise BadInput("%s: needs 'size N', 'root HEX' and 'time TIMESTAMP' lines" % source)
        head = Head(int(fields["size"]), unhex(fields["root"], source + ": root"), fields["time"], subtrees,
                    signature)
    if not head.whole():
        raise BadInput("%s: its subtrees do not tile %d events and hash to its root" % (source, head.size))
    return head


def note_key_id(name, public):
    """The C2SP signed-note key ID of an Ed25519 key: SHA-256(name || 0x0A || 0x01 || key)[:4]."""
    return hashlib.sha256(name.encode("utf-8") + b"\n\x01" + public).digest()[:4]


def read_key(path_):
    """(key name or None, raw public key) from a key file or a verifier key NAME+KEYID+BASE64."""
    if "+" in path_ and not os.path.exists(path_):
        parts = path_.split("+", 2)
        raw = unbase64(parts[2], "--key: the key", 33) if len(parts) == 3 else b""
        if len(parts) != 3 or not parts[0] or raw[:1] != b"\x01":
            raise BadInput("--key: not an Ed25519 verifier key NAME+KEYID+BASE64")
        if note_key_id(parts[0], raw[1:]).hex() != parts[1].lower():
            raise BadInput("--key: its key ID %s is not the one its name and key give" % parts[1])
        return parts[0], raw[1:]
    text = read_text(path_)
    names = [l[len(KEY_NAME):].strip() for l in text.splitlines() if l.startswith(KEY_NAME)]
    lines = [l.strip() for l in text.splitlines()]
    lines = [l for l in lines if l and not l.startswith("#")]
    if len(lines) != 1:
        raise BadInput("%s: not a key file (one base64 line of 32 bytes)" % path_)
    return (names[0] if names else None), unbase64(lines[0], path_ + ": the key", 32)


def ed25519_verifier(source):
    """Ed25519PublicKey and InvalidSignature from `cryptography`, or None (and a SKIPPED note)."""
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError as e:
        print("SKIPPED signature of %s: the Python package 'cryptography' is not installed (%s); "
              "install it (pip install cryptography) to check signatures. The hash checks still ran."
              % (source, e), file=sys.stderr)
        return None
    return Ed25519PublicKey, InvalidSignature


def check_note_signature(head, source, key_path):
    """Checks a signed note's signature line by the --key key: its key ID, then the signature."""
    if not head.note_signatures:
        if key_path:
            raise Failed("%s is not signed, and --key asks for its signature" % source)
        ok("%s is not signed (nothing to check)" % source)
        return
    if not key_path:
        print("SKIPPED signature of %s: a signed note names its key only by ID; pass --key to check it"
              % source, file=sys.stderr)
        return
    name, public = read_key(key_path)
    mine = [(n, sig) for n, kid, sig in head.note_signatures
            if (name is None or n == name) and kid == note_key_id(n, public)]
    if not mine:
        raise Failed("%s has no signature line with the key ID of %s (it has %s)" % (
            source, key_path, ", ".join("%s %s" % (n, kid.hex()) for n, kid, _ in head.note_signatures)))
    crypto = ed25519_verifier(source)
    if crypto is None:
        return
    Ed25519PublicKey, InvalidSignature = crypto
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(mine[0][1], head.note_text)
    except (InvalidSignature, ValueError):
        raise Failed("the signature of %s by %s does not verify" % (source, mine[0][0]))
    ok("signature of %s by %s (key ID %s) valid for %s"
       % (source, mine[0][0], note_key_id(mine[0][0], public).hex(), key_path))


# --- checks --------------------------------------------------------------------------------

def ok(message):
    print("ok  " + message)


def check_signature(head, source, key_path):
    """Checks a head's Ed25519 signature (against --key when given); skips without `cryptography`."""
    if head.note_text is not None:
        return check_note_signature(head, source, key_path)
    trusted = read_key(key_path)[1] if key_path else None
    if head.signature is None:
        if trusted is not None:
            raise Failed("%s is not signed, and --key asks for its signature" % source)
        ok("%s is not signed (nothing to check)" % source)
        return
    public, signature = head.signature
    if trusted is not None and trusted != public:
        raise Failed("%s is signed by another key than %s" % (source, key_path))
    crypto = ed25519_verifier(source)
    if crypto is None:
        return
    Ed25519PublicKey, InvalidSignature = crypto
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, head.body())
    except InvalidSignature:
        raise Failed("the signature of %s does not verify" % source)
    named = base64.b64encode(public).decode()
    ok("signature of %s valid for %s" % (source, "the key in " + key_path if trusted else
                                         "the key it names (%s); pass --key to require a key" % named))


def load_json(path_):
    try:
        return json.loads(read_text(path_))
    except ValueError as e:
        raise BadInput("%s: not JSON (%s)" % (path_, e))


def cmd_checkpoint(args):
    head = parse_head(read_text(args.head), args.head)
    ok("%s is a whole tree head: %d events, root %s" % (args.head, head.size, head.root.hex()))
    check_signature(head, args.head, args.key)


def cmd_inclusion(args):
    p = load_json(args.proof)
    try:
        leaf = unhex(p["leaf"], "leaf", None)
        seq, size = int(p["seq"]), int(p["size"])
        root = unhex(p["root"], "root")
        audit = [unhex(h, "a path hash") for h in p["path"]]
    except (KeyError, TypeError, ValueError) as e:
        raise BadInput("%s: not an inclusion proof (%s)" % (args.proof, e))
    if len(leaf) < 18 or int.from_bytes(leaf[:8], "big") != seq:
        raise Failed("the leaf's canonical bytes do not start with seq %d" % seq)
    kind = TYPES.get(leaf[9], "unknown type %d" % leaf[9])
    what = "event %d (%s" % (seq, kind)
    if leaf[9] == 1 and len(leaf) >= 18 + 33:
        document = "sha256:" + leaf[19:51].hex()
        if p.get("document") not in (None, document):
            raise Failed("the proof names document %s, its leaf holds %s" % (p.get("document"), document))
        what += " " + document
    what += ")"
    lh = leaf_hash(leaf)
    if "leafHash" in p and p["leafHash"] != lh.hex():
        raise Failed("leafHash is not SHA-256(0x00 || leaf)")
    if root_from_inclusion(seq - 1, size, lh, audit) != root:
        raise Failed("the audit path of %s does not lead to root %s" % (what, root.hex()))
    ok("%s is leaf %d of the tree of %d events with root %s" % (what, seq - 1, size, root.hex()))
    if args.checkpoint:
        head = parse_head(read_text(args.checkpoint), args.checkpoint)
        if (head.size, head.root) != (size, root):
            raise Failed("%s is the head of %d events with root %s, not the proof's"
                         % (args.checkpoint, head.size, head.root.hex()))
        ok("%s has that size and root" % args.checkpoint)
        check_signature(head, args.checkpoint, args.key)


def cmd_consistency(args):
    p = load_json(args.proof)
    if isinstance(p, dict) and "against" in p:
        p = p["against"]
    if isinstance(p, dict) and isinstance(p.get("proof"), dict):
        p = p["proof"]
    try:
        old_size, new_size = int(p["old"]["size"]), int(p["new"]["size"])
        old_root, new_root = unhex(p["old"]["root"], "old root"), unhex(p["new"]["root"], "new root")
        audit = [unhex(h, "a proof hash") for h in p["path"]]
    except (KeyError, TypeError, ValueError) as e:
        raise BadInput("%s: not a consistency proof (%s)" % (args.proof, e))
    if not verify_consistency(old_size, old_root, new_size, new_root, audit):
        raise Failed("the proof does not show that the tree of %d events extends the tree of %d"
                     % (new_size, old_size))
    ok("the tree of %d events (root %s) extends the tree of %d (root %s)"
       % (new_size, new_root.hex(), old_size, old_root.hex()))
    for option, size, root in ((args.old, old_size, old_root), (args.new, new_size, new_root)):
        if option:
            head = parse_head(read_text(option), option)
            if (head.size, head.root) != (size, root):
                raise Failed("%s is the head of %d events with root %s, not the proof's"
                             % (option, head.size, head.root.hex()))
            ok("%s has that size and root" % option)
            check_signature(head, option, args.key)


def archive_leaves(path_):
    """Each event's canonical bytes, read from the archive: key || stored value from offset 64."""
    try:
        import lmdb
    except ImportError:
        raise BadInput("--archive needs python3-lmdb (apt-get install python3-lmdb)")
    env = lmdb.open(path_, readonly=True, lock=False, max_dbs=16, subdir=True)
    events = env.open_db(b"events", create=False)
    out = []
    with env.begin() as txn:
        for key, value in txn.cursor(db=events):
            out.append(bytes(key) + bytes(value[64:]))
    return out


def cmd_vectors(args):
    v = load_json(args.vectors)
    leaves = archive_leaves(args.archive) if args.archive else [unhex(l, "a leaf", None) for l in v["leaves"]]
    hashes = [leaf_hash(l) for l in leaves]
    checked = 0
    for size, root in v.get("roots", {}).items():
        size = int(size)
        if size > len(hashes):
            raise Failed("a root is claimed for %d leaves; there are %d" % (size, len(hashes)))
        if mth(hashes[:size]).hex() != root:
            raise Failed("root of %d leaves: claimed %s, computed %s" % (size, root, mth(hashes[:size]).hex()))
        checked += 1
    for item in v.get("inclusion", []):
        index, size = int(item["index"]), int(item["size"])
        mine = [h.hex() for h in path(index, hashes[:size])]
        if item["path"] != mine:
            raise Failed("audit path of leaf %d in %d: claimed %s, computed %s" % (index, size, item["path"], mine))
        audit = [bytes.fromhex(h) for h in item["path"]]
        if root_from_inclusion(index, size, hashes[index], audit) != mth(hashes[:size]):
            raise Failed("audit path of leaf %d in %d does not verify" % (index, size))
        checked += 1
    for item in v.get("consistency", []):
        old, new = int(item["old"]), int(item["new"])
        mine = [h.hex() for h in proof(old, hashes[:new])]
        if item["path"] != mine:
            raise Failed("consistency %d -> %d: claimed %s, computed %s" % (old, new, item["path"], mine))
        audit = [bytes.fromhex(h) for h in item["path"]]
        if not verify_consistency(old, mth(hashes[:old]), new, mth(hashes[:new]), audit):
            raise Failed("consistency proof %d -> %d does not verify" % (old, new))
        checked += 1
    ok("%d claims over %d leaves agree with an independent computation" % (checked, len(hashes)))


class Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print("check-proof.py: %s" % message, file=sys.stderr)
        sys.exit(64)


def main(argv):
    parser = Parser(description="Check Communique's Merkle proofs and signed checkpoints.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    c = sub.add_parser("checkpoint", help="a tree head is whole, and its signature")
    c.add_argument("head")
    c.add_argument("--key")
    i = sub.add_parser("inclusion", help="an inclusion proof (communique prove --json)")
    i.add_argument("proof")
    i.add_argument("--checkpoint")
    i.add_argument("--key")
    k = sub.add_parser("consistency", help="a consistency proof (communique verify --against --json)")
    k.add_argument("proof")
    k.add_argument("--old")
    k.add_argument("--new")
    k.add_argument("--key")
    t = sub.add_parser("vectors", help="recompute claimed roots and proofs independently")
    t.add_argument("vectors")
    t.add_argument("--archive")
    args = parser.parse_args(argv)
    command = {"checkpoint": cmd_checkpoint, "inclusion": cmd_inclusion, "consistency": cmd_consistency,
               "vectors": cmd_vectors}[args.command]
    try:
        command(args)
    except FileNotFoundError as e:
        print("check-proof.py: %s: no such file" % e.filename, file=sys.stderr)
        return 66
    except BadInput as e:
        print("check-proof.py: %s" % e, file=sys.stderr)
        return 65
    except Failed as e:
        print("FAILED  %s" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
