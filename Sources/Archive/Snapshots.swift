import Domain
import EventLog
import LMDB
import Projections

/// Folded states saved beside the log, so reads start near their target instead of at seq 1.
///
/// Database `snapshots`: seq (8 bytes BE) → the hash of the event at that seq (32 bytes)
/// followed by ``ArchiveState/snapshotBytes``. The hash binds a snapshot to its log: one
/// whose hash is not the log's at that seq, or whose layout is unknown, is ignored, so a
/// snapshot can make a read faster but never different. `verify` checks each against a
/// rebuild.
struct Snapshots {
  /// The database; nil in an archive opened read-only that was written before snapshots
  /// existed (reads then fold from the first event).
  let database: Database?

  init(environment: Environment) throws {
    let result = Result { () throws(LMDBError) in try environment.database(named: "snapshots") }
    if case .failure(let error) = result, environment.isReadOnly, error.is(.notFound) {
      database = nil
    } else {
      database = try result.get()
    }
  }

  /// The latest usable snapshot at or before `seq`, or nil.
  func latest(atOrBefore seq: UInt64, in reader: LogReader) throws -> ArchiveState? {
    guard let database else { return nil }
    return try reader.transaction.withCursor(database) { cursor -> ArchiveState? in
      var entry = try cursor.seek(atLeast: (seq &+ 1).bigEndianBytes)
      entry = entry == nil ? try cursor.last() : try cursor.previous()
      // Walk back past a few snapshots that do not belong to this log; values are read in
      // place, and only the one that matches is copied out.
      var tries = 0
      while let (key, value) = entry, tries < 4 {
        tries += 1
        if let at = UInt64(bigEndianBytes: key), at <= seq, try isBound(value, to: at, in: reader),
          let state = Snapshots.state(in: value), state.lastSeq == at
        {
          return state
        }
        entry = try cursor.previous()
      }
      return nil
    }
  }

  /// Whether a stored value starts with the hash of this log's event at `seq`.
  func isBound(_ value: UnsafeRawBufferPointer, to seq: UInt64, in reader: LogReader) throws -> Bool {
    guard value.count > 32, let hash = try reader.hash(at: seq) else { return false }
    return value.prefix(32).elementsEqual(hash)
  }

  /// The state a stored value holds after its hash, or nil when it cannot be read.
  static func state(in value: UnsafeRawBufferPointer) -> ArchiveState? {
    guard value.count > 32 else { return nil }
    return try? ArchiveState(snapshot: UnsafeRawBufferPointer(rebasing: value[32...]))
  }

  /// Every stored snapshot's seq, in order; `current` only those in the layout this build
  /// writes (a snapshot in an older one is ignored by reads, until it is replaced).
  func seqs(in txn: some ReadableTransaction, current: Bool = false) throws -> [UInt64] {
    guard let database else { return [] }
    var out: [UInt64] = []
    try txn.forEach(database, in: .all) { key, value in
      if let seq = UInt64(bigEndianBytes: key), !current || Snapshots.isCurrent(value) { out.append(seq) }
      return true
    }
    return out
  }

  /// Whether a stored value is in the snapshot layout this build reads.
  static func isCurrent(_ value: UnsafeRawBufferPointer) -> Bool {
    value.count > 32 && value[32] == ArchiveState.snapshotVersion
  }

  /// Deletes the snapshots in other layouts than this build's: reads skip them, and they
  /// would only take room.
  func deleteOutdated(in txn: WriteTransaction) throws {
    guard let database else { return }
    let all = try seqs(in: txn)
    let current = Set(try seqs(in: txn, current: true))
    for seq in all where !current.contains(seq) { _ = try txn.delete(database, key: seq.bigEndianBytes) }
  }

  /// Saves `state` as the snapshot at its last seq, bound to that event's hash.
  func save(_ state: ArchiveState, hash: [UInt8], in txn: WriteTransaction) throws {
    guard let database else { return }
    try txn.put(database, key: state.lastSeq.bigEndianBytes, value: hash + state.snapshotBytes)
  }
}
