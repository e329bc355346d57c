import Crypto
import Domain
import EventLog
import Foundation
import JSONForm
import LMDB
import Merkle
import StoredForm
import Stores

/// An inclusion proof: one event, the tree head it is proved in, and the audit path.
public struct InclusionProof: Sendable {
  /// The event's seq (its leaf index is `seq − 1`).
  public var seq: UInt64
  /// The event's type name.
  public var type: String
  /// The document it ingested, for a `document.ingested` event.
  public var document: DocumentID?
  /// The leaf: the event's canonical bytes (docs/FORMAT.md).
  public var leaf: [UInt8]
  /// The tree head the proof leads to (unsigned).
  public var head: TreeHead
  /// The audit path, from the leaf's sibling up (RFC 9162 §2.1.3).
  public var path: [[UInt8]]

  /// `SHA-256(0x00 ‖ leaf)`.
  public var leafHash: [UInt8] { MerkleHash.leaf(leaf) }

  /// `{"proof":"inclusion","seq","index","size","root","type","document","leaf","leafHash","path","head"}`.
  public var json: JSONValue {
    .object([
      ("proof", .string("inclusion")),
      ("seq", .int(Int(seq))),
      ("index", .int(Int(seq - 1))),
      ("size", .int(Int(head.size))),
      ("root", .string(Hex.encode(head.root))),
      ("type", .string(type)),
      ("document", document.map { .string($0.description) } ?? .null),
      ("leaf", .string(Hex.encode(leaf))),
      ("leafHash", .string(Hex.encode(leafHash))),
      ("path", .array(path.map { .string(Hex.encode($0)) })),
      ("head", head.json),
    ])
  }
}

/// What checking the archive against an earlier tree head found.
public struct ConsistencyReport: Sendable {
  /// The earlier head, as read from its file.
  public var old: TreeHead
  /// The archive's head now.
  public var new: TreeHead
  /// The consistency proof from `old` to `new` (empty when the archive does not extend it).
  public var proof: [[UInt8]]
  /// What was checked, in order.
  public var checks: [String]
  /// The first thing that does not hold, if any.
  public var failure: String?
  /// Whether the head's tree was computed in memory because the archive has none stored.
  public var computedInMemory: Bool
  /// The seqs of the first complete subtree the archive and the checkpoint disagree on.
  public var firstDifference: ClosedRange<UInt64>?

  /// Whether the archive extends the earlier head (and its signature held).
  public var passed: Bool { failure == nil }

  /// `{"ok","checks","failure","proof":{"proof":"consistency","old":{size,root},"new":{size,root},"path"}}`.
  public var json: JSONValue {
    func head(_ h: TreeHead) -> JSONValue {
      .object([("size", .int(Int(h.size))), ("root", .string(Hex.encode(h.root)))])
    }
    return .object([
      ("ok", .bool(passed)),
      ("checks", .array(checks.map(JSONValue.string))),
      ("failure", failure.map(JSONValue.string) ?? .null),
      (
        "proof",
        .object([
          ("proof", .string("consistency")), ("old", head(old)), ("new", head(new)),
          ("path", .array(proof.map { .string(Hex.encode($0)) })),
        ])
      ),
    ])
  }
}

extension Archive {
  /// Runs `body` with the Merkle tree of this snapshot and the log's size: computed from the
  /// log, and checked against the stored tree where that covers the log (`true` in the third
  /// argument when it does not: an archive written before proofs).
  func withTree<T>(
    in reader: LogReader, _ body: (MerkleTree<TreeSource>, UInt64, Bool) throws -> T
  ) throws -> T {
    let size = try reader.head()?.seq ?? 0
    var memory = MemoryTree()
    try reader.forEach { raw in
      memory.append(leafHash: MerkleStore.leafHash(key: raw.seq.bigEndianBytes, value: raw.value))
      return true
    }
    if let database = merkle.stored, try merkle.size(in: reader.transaction) == size {
      let stored = MerkleStore.Stored(txn: reader.transaction, database: database)
      return try body(MerkleTree(store: .checked(stored, memory)), size, false)
    }
    return try body(MerkleTree(store: .memory(memory)), size, true)
  }

  /// Whether the stored Merkle tree covers the whole log (false for an archive written
  /// before proofs, opened read-only: its tree is then computed in memory for each read).
  public func treeIsStored() throws(ArchiveError) -> Bool {
    do {
      return try log.read { reader in
        try merkle.stored != nil && merkle.size(in: reader.transaction) == (reader.head()?.seq ?? 0)
      }
    } catch {
      throw .wrap(error, "reading \(path)")
    }
  }

  /// The tree head of the first `size` events (all when nil), taken at `time`.
  public func treeHead(size: UInt64? = nil, time: Timestamp) throws(ArchiveError) -> TreeHead {
    do {
      return try log.read { reader in
        try withTree(in: reader) { tree, count, _ in
          let n = try Archive.treeSize(size, count: count)
          return TreeHead(
            size: n, root: try tree.root(size: n), time: time, subtrees: try tree.subtrees(size: n))
        }
      }
    } catch {
      throw .wrap(error, "reading the Merkle tree of \(path)")
    }
  }

  static func treeSize(_ size: UInt64?, count: UInt64) throws(ArchiveError) -> UInt64 {
    guard let size else { return count }
    guard size <= count else {
      throw ArchiveError.usage("the archive holds \(count) events; there is no tree of \(size)")
    }
    return size
  }

  /// The inclusion proof of an event (`target`: a seq, or a document id for its ingestion)
  /// in the tree of the first `size` events (all when nil).
  public func inclusionProof(of target: String, size: UInt64? = nil, time: Timestamp) throws(ArchiveError)
    -> InclusionProof
  {
    do {
      return try log.read { reader in
        let seq = try eventSeq(target, in: reader)
        return try withTree(in: reader) { tree, count, _ in
          let n = try Archive.treeSize(size, count: count)
          guard seq <= n, let envelope = try reader.envelope(at: seq) else {
            throw ArchiveError.usage("no event \(seq) in a tree of \(n) events")
          }
          let event = try Event(type: envelope.type, payload: envelope.data)
          var document: DocumentID?
          if case .documentIngested(let e) = event { document = e.document.id }
          let head = TreeHead(
            size: n, root: try tree.root(size: n), time: time, subtrees: try tree.subtrees(size: n))
          return InclusionProof(
            seq: seq, type: event.type.name, document: document, leaf: envelope.canonicalBytes, head: head,
            path: try tree.inclusionProof(index: seq - 1, size: n))
        }
      }
    } catch {
      throw .wrap(error, "proving \(target) in \(path)")
    }
  }

  /// Checks that the archive extends `old`: its signature (with `trustedKey` when given),
  /// then that the archive's first `old.size` events have its root, and the consistency
  /// proof from it to the head. A failure names the first events that differ.
  public func checkConsistency(
    with old: TreeHead, trustedKey: Curve25519.Signing.PublicKey?, time: Timestamp
  ) throws(ArchiveError) -> ConsistencyReport {
    try checkConsistency(with: old, time: time) { checks in
      Archive.signatureProblem(old, trustedKey: trustedKey, checks: &checks)
    }
  }

  /// Checks that the archive extends a C2SP checkpoint: its signature by `trusted` (not
  /// checked without: a signed note names no key), then as for a ``TreeHead``.
  public func checkConsistency(
    with old: CheckpointNote, trusted: VerifierKey?, time: Timestamp
  ) throws(ArchiveError) -> ConsistencyReport {
    try checkConsistency(with: old.head, time: time) { checks in
      old.signatureProblem(trusted: trusted, checks: &checks)
    }
  }

  private func checkConsistency(
    with old: TreeHead, time: Timestamp, signatureProblem: (inout [String]) -> String?
  ) throws(ArchiveError) -> ConsistencyReport {
    do {
      return try log.read { reader in
        try withTree(in: reader) { tree, count, inMemory in
          let new = TreeHead(
            size: count, root: try tree.root(size: count), time: time,
            subtrees: try tree.subtrees(size: count))
          var report = ConsistencyReport(
            old: old, new: new, proof: [], checks: [], failure: nil, computedInMemory: inMemory,
            firstDifference: nil)
          report.failure = signatureProblem(&report.checks)
          guard report.failure == nil else { return report }
          guard old.size <= count else {
            report.failure =
              "the checkpoint covers \(old.size) events, the archive holds \(count): "
              + "events \(count + 1) to \(old.size) are gone"
            return report
          }
          let mine = try tree.subtrees(size: old.size)
          if let differs = zip(mine, old.subtrees).first(where: { $0.hash != $1.hash })?.0 {
            let first = differs.start + 1
            let last = differs.start + differs.size
            report.firstDifference = first...last
            report.failure =
              first == last
              ? "event \(first) differs from the one the checkpoint covers: the archive does not extend it"
              : "events \(first) to \(last) are not the ones the checkpoint covers (the first differing "
                + "subtree): the archive does not extend it"
            return report
          }
          report.checks.append("the archive's first \(old.size) events have the checkpoint's root")
          report.proof = try tree.consistencyProof(from: old.size, to: count)
          guard
            MerkleVerification.verifyConsistency(
              report.proof, oldSize: old.size, oldRoot: old.root, newSize: count, newRoot: new.root)
          else {
            report.failure = "the consistency proof from \(old.size) to \(count) events does not verify"
            return report
          }
          report.checks.append(
            "consistency proof from \(old.size) to \(count) events (\(report.proof.count) hashes) verifies")
          return report
        }
      }
    } catch {
      throw .wrap(error, "checking \(path) against a checkpoint")
    }
  }

  /// What is wrong with a head's signature, or nil; appends what was checked to `checks`.
  static func signatureProblem(
    _ head: TreeHead, trustedKey: Curve25519.Signing.PublicKey?, checks: inout [String]
  ) -> String? {
    guard let signature = head.signature else {
      if trustedKey != nil { return "the checkpoint is not signed, and --key asks for its signature" }
      checks.append("the checkpoint is not signed (nothing to check)")
      return nil
    }
    if let trustedKey, Array(trustedKey.rawRepresentation) != signature.publicKey {
      return "the checkpoint is signed by another key than the one given"
    }
    guard head.signatureIsValid else { return "the checkpoint's signature does not verify" }
    let key = Data(signature.publicKey).base64EncodedString()
    checks.append(
      trustedKey == nil
        ? "signature valid for the key it names (\(key)); pass --key to require that key"
        : "signature valid for the given key (\(key))")
    return nil
  }
}

extension Archive {
  /// Recomputes the Merkle tree from the log and compares every stored subtree with it;
  /// returns the check made and the first failure (naming the first seq it concerns).
  func verifyTree(in reader: LogReader) throws -> (check: String, failure: ChainFailure?) {
    let count = try reader.head()?.seq ?? 0
    let stored = try merkle.size(in: reader.transaction)
    guard let database = merkle.stored, stored == count else {
      return (
        "Merkle tree not stored (\(stored) of \(count) events; written before proofs): any write builds it",
        nil
      )
    }
    var memory = MemoryTree()
    try reader.forEach { raw in
      memory.append(leafHash: MerkleStore.leafHash(key: raw.seq.bigEndianBytes, value: raw.value))
      return true
    }
    let store = MerkleStore.Stored(txn: reader.transaction, database: database)
    for (level, hashes) in memory.levels.enumerated() {
      for (index, hash) in hashes.enumerated()
      where (try? store.subtree(level: level, index: UInt64(index))) != hash {
        let first = UInt64(index) << UInt64(level) + 1
        let what =
          level == 0
          ? "the stored Merkle leaf is not this event's hash"
          : "the stored Merkle subtree of events \(first) to \(first + (1 << UInt64(level)) - 1) is wrong"
        return ("", ChainFailure(seq: first, problem: what))
      }
    }
    let entries = try reader.transaction.statistics(of: database).entries
    // Every subtree, and nothing else.
    let expected = memory.levels.reduce(0) { $0 + $1.count }
    guard entries == expected else {
      return (
        "", ChainFailure(seq: count, problem: "the merkle database holds \(entries) entries, not \(expected)")
      )
    }
    return ("Merkle tree of \(count) events equals a rebuild from the log", nil)
  }
}
