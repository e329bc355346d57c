import Codecs
import Domain
import EventLog
import LMDB
import Projections

/// Folded states saved beside the log, so reads start near their target instead of at seq 1.
///
/// Database `snapshots`: seq (8 bytes BE) ‖ part (4 bytes BE) → up to ``partSize`` bytes of
/// the stored snapshot, which is the hash of the event at that seq (32 bytes), then
/// ``ArchiveState/snapshotBytes``, then the CRC-32 of both (4 bytes, big-endian, ``CRC32``),
/// so a damaged page is noticed before the state is read, not shown as a wrong projection.
/// Parts small enough to sit two to a page let a snapshot
/// fill the single free pages earlier transactions left, where one large value would need a
/// contiguous run at the end of the file. The hash binds a snapshot to its log: one whose
/// hash is not the log's at that seq, or whose layout is unknown, is ignored, so a snapshot
/// can make a read faster but never different. `verify` checks each against a rebuild. At
/// most ``kept`` are kept, spread over the log.
package struct Snapshots {
  /// The database; nil in an archive opened read-only that was written before snapshots
  /// existed (reads then fold from the first event).
  package let database: Database?

  /// The bytes of a part: two parts and their keys fit one 4 KiB page.
  package static let partSize = 2000
  /// How many snapshots are kept; saving one more drops the one whose absence leaves the
  /// shortest stretch of log without a snapshot.
  package static let kept = 8

  /// Whether a snapshot's state has folded the very event at its seq. A snapshot of the
  /// ``ViewEvents`` fold need not: the events after its last one up to its seq changed no view.
  package let endsAtItsSeq: Bool

  /// The snapshots of database `name` (`snapshots`, or `view-snapshots` for the
  /// ``ViewEvents`` fold, whose states need not end at their seq).
  package init(environment: Environment, name: String = "snapshots", endsAtItsSeq: Bool = true) throws {
    database = try environment.databaseIfPresent(named: name)
    self.endsAtItsSeq = endsAtItsSeq
  }

  /// The key of a part of the snapshot at `seq`.
  package static func key(_ seq: UInt64, part: UInt32) -> [UInt8] {
    seq.bigEndianBytes + withUnsafeBytes(of: part.bigEndian) { Array($0) }
  }

  /// The latest usable snapshot at or before `seq`, or nil.
  package func latest(atOrBefore seq: UInt64, in reader: some LogReading) throws -> ArchiveState? {
    // Walk back past a few snapshots that do not belong to this log or cannot be read.
    var bound = seq
    for _ in 0..<4 {
      guard let at = try self.seq(atOrBefore: bound, in: reader.transaction) else { return nil }
      if let stored = try stored(at: at, in: reader.transaction), try isBound(stored, to: at, in: reader),
        let state = stored.withUnsafeBytes({ Snapshots.state(in: $0) }),
        endsAtItsSeq ? state.lastSeq == at : state.lastSeq <= at
      {
        return state
      }
      guard at > 0 else { return nil }
      bound = at - 1
    }
    return nil
  }

  /// The seq of the last snapshot (of any layout) at or before `seq`.
  private func seq(atOrBefore seq: UInt64, in txn: some ReadableTransaction) throws -> UInt64? {
    guard let database else { return nil }
    return try txn.withCursor(database) { cursor -> UInt64? in
      // Every key of a later seq (a part, or a whole value under the seq alone) is at or
      // after the next seq alone.
      let after = seq == .max ? nil : try cursor.seek(atLeast: (seq + 1).bigEndianBytes)
      let entry = after == nil ? try cursor.last() : try cursor.previous()
      return entry.flatMap { UInt64(bigEndianBytes: Array($0.key.prefix(8))) }
    }
  }

  /// The stored snapshot at `seq` (hash, then state), its parts joined; nil when none is.
  package func stored(at seq: UInt64, in txn: some ReadableTransaction) throws -> [UInt8]? {
    guard let database else { return nil }
    return try txn.withCursor(database) { cursor -> [UInt8]? in
      guard var entry = try cursor.seek(atLeast: Snapshots.key(seq, part: 0)) else { return nil }
      var out: [UInt8] = []
      var part: UInt32 = 0
      while entry.key.count == 12, entry.key.elementsEqual(Snapshots.key(seq, part: part)) {
        out.append(contentsOf: entry.value)
        part += 1
        guard let next = try cursor.next() else { break }
        entry = next
      }
      return part == 0 ? nil : out
    }
  }

  /// Whether stored bytes start with the hash of this log's event at `seq`.
  package func isBound(_ stored: [UInt8], to seq: UInt64, in reader: some LogReading) throws -> Bool {
    guard stored.count > 32, let hash = try reader.hash(at: seq) else { return false }
    return stored.prefix(32).elementsEqual(hash)
  }

  /// The state stored bytes hold after their hash, or nil when they are damaged (their
  /// checksum does not match) or cannot be read.
  package static func state(in stored: UnsafeRawBufferPointer) -> ArchiveState? {
    guard isIntact(stored) else { return nil }
    return try? ArchiveState(snapshot: UnsafeRawBufferPointer(rebasing: stored[32..<stored.count - 4]))
  }

  /// Whether stored bytes end with the CRC-32 of what precedes it. (Layout 6 and before
  /// ended with a checksum of our own; their layout byte keeps reads from using them.)
  package static func isIntact(_ stored: UnsafeRawBufferPointer) -> Bool {
    guard stored.count > 36 else { return false }
    let body = UnsafeRawBufferPointer(rebasing: stored[..<(stored.count - 4)])
    return CRC32.stored(in: stored, at: stored.count - 4) == CRC32.checksum(body)
  }

  /// Every stored snapshot's seq, in order; `current` only those in the layout this build
  /// writes (a snapshot in an older one is ignored by reads, until it is replaced).
  package func seqs(in txn: some ReadableTransaction, current: Bool = false) throws -> [UInt64] {
    try walk(in: txn).heads.filter { !current || $0.current }.map(\.seq)
  }

  /// Each stored snapshot's seq and whether it is in this build's layout, from its first
  /// part, one cursor seek apiece (a million-document snapshot has tens of thousands of
  /// parts, and every write command asks); and the keys of entries in no parted layout
  /// (whole values under the seq alone, as layout 3 and before stored them).
  private func walk(
    in txn: some ReadableTransaction
  ) throws -> (heads: [(seq: UInt64, current: Bool)], unparted: [[UInt8]]) {
    guard let database else { return ([], []) }
    return try txn.withCursor(database) { cursor in
      var heads: [(seq: UInt64, current: Bool)] = []
      var unparted: [[UInt8]] = []
      var entry = try cursor.first()
      while let (key, value) = entry {
        guard key.count == 12, let seq = UInt64(bigEndianBytes: Array(key.prefix(8))) else {
          unparted.append(Array(key))
          entry = try cursor.next()
          continue
        }
        if key.suffix(4).allSatisfy({ $0 == 0 }) { heads.append((seq, Snapshots.isCurrent(value))) }
        guard seq < .max else { break }
        // The next seq alone sorts before its parts, so a whole value stored under it is met.
        entry = try cursor.seek(atLeast: (seq + 1).bigEndianBytes)
      }
      return (heads, unparted)
    }
  }

  /// Whether a first part is in the snapshot layout this build reads.
  package static func isCurrent(_ firstPart: UnsafeRawBufferPointer) -> Bool {
    firstPart.count > 32 && firstPart[32] == ArchiveState.snapshotVersion
  }

  /// A state as stored: the hash of the event at its last seq, its snapshot bytes, and the
  /// CRC-32 of both.
  package static func storedBytes(of state: ArchiveState, hash: [UInt8]) -> [UInt8] {
    let stored = hash + state.snapshotBytes
    return stored + CRC32.bytes(stored.withUnsafeBytes { CRC32.checksum($0) })
  }

  /// Saves stored bytes (``storedBytes(of:hash:)``) as the snapshot at `seq`, in parts; then drops
  /// snapshots in other layouts, and the one too many if there is one.
  package func save(_ stored: [UInt8], at seq: UInt64, in txn: WriteTransaction) throws {
    guard let database else { return }
    try delete(seq, in: txn)
    // Appended in key order when it is the newest (as it is when a write command saves
    // one): LMDB then fills each page instead of splitting it in half.
    let newest = try self.seq(atOrBefore: .max, in: txn).map { $0 < seq } ?? true
    var part: UInt32 = 0
    for start in stride(from: 0, to: stored.count, by: Snapshots.partSize) {
      let end = min(start + Snapshots.partSize, stored.count)
      try txn.put(
        database, key: Snapshots.key(seq, part: part), value: Array(stored[start..<end]),
        options: newest ? .append : [])
      part += 1
    }
    try deleteOutdated(in: txn)
    try thin(in: txn)
  }

  /// Deletes every snapshot at or after `seq`.
  package func delete(from seq: UInt64, in txn: WriteTransaction) throws {
    for saved in try seqs(in: txn) where saved >= seq { try delete(saved, in: txn) }
  }

  /// Deletes every part of the snapshot at `seq`.
  private func delete(_ seq: UInt64, in txn: WriteTransaction) throws {
    guard let database else { return }
    var part: UInt32 = 0
    while try txn.delete(database, key: Snapshots.key(seq, part: part)) { part += 1 }
  }

  /// Deletes snapshots in other layouts than this build's: reads skip them, and they would
  /// only take room.
  private func deleteOutdated(in txn: WriteTransaction) throws {
    guard let database else { return }
    let (heads, unparted) = try walk(in: txn)
    for key in unparted { _ = try txn.delete(database, key: key) }
    for head in heads where !head.current { try delete(head.seq, in: txn) }
  }

  /// Drops snapshots beyond ``kept``: each time the one (never the newest) whose absence
  /// leaves the shortest stretch between its neighbours.
  private func thin(in txn: WriteTransaction) throws {
    var seqs = try seqs(in: txn)
    while seqs.count > Snapshots.kept {
      var gaps: [UInt64] = []
      for i in 0..<seqs.count - 1 {
        let before: UInt64 = i == 0 ? 0 : seqs[i - 1]
        gaps.append(seqs[i + 1] - before)
      }
      guard let i = gaps.indices.min(by: { gaps[$0] < gaps[$1] }) else { return }
      try delete(seqs[i], in: txn)
      seqs.remove(at: i)
    }
  }
}
