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
    var found: [(UInt64, [UInt8])] = []
    try reader.transaction.withCursor(database) { cursor in
      var entry = try cursor.seek(atLeast: (seq &+ 1).bigEndianBytes)
      entry = entry == nil ? try cursor.last() : try cursor.previous()
      // Walk back past any snapshot that does not belong to this log.
      while let (key, value) = entry, found.count < 4 {
        if let at = UInt64(bigEndianBytes: key), at <= seq { found.append((at, Array(value))) }
        entry = try cursor.previous()
      }
    }
    for (at, value) in found {
      guard value.count > 32, let event = try reader.envelope(at: at), event.hash == Array(value[0..<32])
      else { continue }
      if let state = try? ArchiveState(snapshot: Array(value[32...])), state.lastSeq == at { return state }
    }
    return nil
  }

  /// Every stored snapshot's seq, in order.
  func seqs(in txn: some ReadableTransaction) throws -> [UInt64] {
    guard let database else { return [] }
    var out: [UInt64] = []
    try txn.forEach(database, in: .all) { key, _ in
      if let seq = UInt64(bigEndianBytes: key) { out.append(seq) }
      return true
    }
    return out
  }

  /// Saves `state` as the snapshot at its last seq, bound to that event's hash.
  func save(_ state: ArchiveState, hash: [UInt8], in txn: WriteTransaction) throws {
    guard let database else { return }
    try txn.put(database, key: state.lastSeq.bigEndianBytes, value: hash + state.snapshotBytes)
  }
}
