import EventLog
import LMDB
import Merkle

/// The Merkle tree over the log (RFC 6962), kept beside it in the transaction of each append.
///
/// Database `merkle`: key `last[8 BE] ‖ level[1]` → the 32-byte hash of the complete subtree
/// of `2^level` leaves ending at leaf `last` (leaf i is event seq i+1, its hash
/// `SHA-256(0x00 ‖ canonical bytes)`). An append stores its leaf and each subtree it
/// completes: O(log n), never a rebuild. Keyed by the leaf that completes them, entries
/// arrive in key order and pages fill up (keyed level first, or with a count kept after the
/// last key, every insert split a page in half: twice the size); the last key also gives
/// the number of leaves. Derived data: an archive without it (written before proofs, or in
/// that older layout, whose count was under `size`) gets it built from the log.
package struct MerkleStore {
  /// The `merkle` database; nil in an archive opened read-only that has none yet.
  package let stored: Database?

  package init(environment: Environment) throws {
    stored = try MerkleStore.open(environment)
  }

  private static func open(_ environment: Environment) throws -> Database? {
    let result = Result { () throws(LMDBError) in try environment.database(named: "merkle") }
    if case .failure(let error) = result, environment.isReadOnly,
      error.code == LMDBError.Code.notFound.rawValue
    {
      return nil
    }
    return try result.get()
  }

  /// The `merkle` database, when writing (a writable archive always has it).
  package var database: Database {
    get throws {
      guard let stored else { throw LogError.unreadable(seq: 0, "the archive has no merkle database") }
      return stored
    }
  }

  /// The key of the subtree at `level` and `index`: the index of its last leaf, then its level.
  package static func key(level: Int, index: UInt64) -> [UInt8] {
    ((index + 1) << UInt64(level) - 1).bigEndianBytes + [UInt8(level)]
  }

  /// The number of leaves stored: one past the last leaf of the last subtree (0 when the
  /// tree was never built, or is in an older layout, whose last key is not a subtree's).
  package func size(in txn: some ReadableTransaction) throws -> UInt64 {
    guard let stored else { return 0 }
    return try txn.withCursor(stored) { cursor in
      guard let (key, _) = try cursor.last(), key.count == 9,
        let last = UInt64(bigEndianBytes: Array(key.prefix(8)))
      else { return 0 }
      return last + 1
    }
  }

  /// The leaf hash of a stored event: its key followed by the stored value from offset 64.
  package static func leafHash(key: [UInt8], value: UnsafeRawBufferPointer) -> [UInt8] {
    MerkleHash.leaf(head: key, tail: UnsafeRawBufferPointer(rebasing: value[64...]))
  }

  /// The leaf hash of an envelope just appended.
  package static func leafHash(_ envelope: Envelope) -> [UInt8] {
    MerkleHash.leaf(parts: [
      envelope.seq.bigEndianBytes, [Envelope.formatVersion, envelope.type],
      UInt64(bitPattern: envelope.recordedAt).bigEndianBytes, envelope.data,
    ])
  }

  /// Adds an appended event's leaf, first building whatever the tree lacks before it.
  package func record(_ envelope: Envelope, in txn: WriteTransaction, log: EventLog) throws {
    var size = try self.size(in: txn)
    if size != envelope.seq - 1 { size = try build(through: envelope.seq - 1, in: txn, log: log).size }
    try append(MerkleStore.leafHash(envelope), at: size, in: txn)
  }

  /// Extends the stored tree to cover events 1 through `seq`, starting over if it covers
  /// more than the log; returns the leaves added and the new size.
  @discardableResult
  package func build(through seq: UInt64, in txn: WriteTransaction, log: EventLog) throws -> (
    added: UInt64, size: UInt64
  ) {
    var size = try self.size(in: txn)
    // Starting from no leaves also drops whatever an older layout left.
    if size > seq || size == 0 {
      try txn.clear(database)
      size = 0
    }
    let start = size
    guard size < seq else { return (0, size) }
    var failure: (any Error)?
    let range = KeyRange(lower: (size + 1).bigEndianBytes, upper: seq.bigEndianBytes, includesUpper: true)
    try txn.forEach(log.events, in: range) { key, value in
      guard UInt64(bigEndianBytes: key) == size + 1, value.count >= Envelope.headerSize else {
        failure = LogError.unreadable(seq: size + 1, "missing or too short while building the Merkle tree")
        return false
      }
      do { try append(MerkleStore.leafHash(key: Array(key), value: value), at: size, in: txn) } catch {
        failure = error
        return false
      }
      size += 1
      return true
    }
    if let failure { throw failure }
    guard size == seq else {
      throw LogError.unreadable(seq: size + 1, "missing while building the Merkle tree")
    }
    return (seq - start, size)
  }

  /// Stores leaf `index`'s hash and the subtrees it completes.
  private func append(_ leafHash: [UInt8], at index: UInt64, in txn: WriteTransaction) throws {
    var hash = leafHash
    var level = 0
    var at = index
    try txn.put(database, key: MerkleStore.key(level: 0, index: at), value: hash)
    while at & 1 == 1 {
      guard let left = try txn.get(database, key: MerkleStore.key(level: level, index: at - 1)) else {
        throw MerkleError.missingSubtree(level: level, index: at - 1)
      }
      hash = MerkleHash.node(left, hash)
      level += 1
      at >>= 1
      try txn.put(database, key: MerkleStore.key(level: level, index: at), value: hash)
    }
  }

  /// The stored subtrees, read in one transaction.
  package struct Stored<Transaction: ReadableTransaction>: SubtreeHashes {
    package let txn: Transaction
    package let database: Database

    /// The subtrees stored in `database`, read in `txn`.
    package init(txn: Transaction, database: Database) {
      self.txn = txn
      self.database = database
    }

    package func subtree(level: Int, index: UInt64) throws -> [UInt8] {
      guard let hash = try txn.get(database, key: MerkleStore.key(level: level, index: index)),
        hash.count == 32
      else { throw MerkleError.missingSubtree(level: level, index: index) }
      return hash
    }
  }
}

/// The tree a read uses: one computed in memory from the log, each of its subtrees that an
/// answer uses compared with the stored one when the stored tree covers the log.
///
/// Why not the stored tree alone: a damaged node would be signed into a checkpoint or put in
/// a proof that fails; an answer that commits to the log is computed from the log.
package enum TreeSource: SubtreeHashes {
  case checked(MerkleStore.Stored<ReadTransaction>, MemoryTree)
  case memory(MemoryTree)

  package func subtree(level: Int, index: UInt64) throws -> [UInt8] {
    switch self {
    case .checked(let stored, let memory):
      let computed = try memory.subtree(level: level, index: index)
      guard (try? stored.subtree(level: level, index: index)) == computed else {
        let first = index << UInt64(level) + 1
        let last = first + (1 << UInt64(level)) - 1
        let what = first == last ? "event \(first)" : "events \(first) to \(last)"
        throw StoreError(
          "the stored Merkle tree disagrees with the log at \(what) (a damaged node): refusing to commit to "
            + "it; run 'communique verify'")
      }
      return computed
    case .memory(let m): return try m.subtree(level: level, index: index)
    }
  }
}
