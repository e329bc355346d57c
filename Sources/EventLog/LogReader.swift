import Crypto
import LMDB

/// What reading stored events needs: a reader's snapshot, or the writer's transaction, which
/// also sees the events it has appended and not yet committed.
package protocol LogReading {
  /// The transaction the events are read in.
  associatedtype Transaction: ReadableTransaction
  /// The transaction, for the higher layers' databases.
  var transaction: Transaction { get }
  /// The chain hash of the event at `seq`, read in place (nil when there is no such event).
  func hash(at seq: UInt64) throws -> [UInt8]?
  /// Calls `body` with each event from `from` through `through` (inclusive) in order,
  /// without copying; `body` returns false to stop.
  func forEach(from: UInt64, through: UInt64, _ body: (RawEnvelope) throws -> Bool) throws
  /// Calls `body` with the events at `seqs` (ascending), read in place; an absent seq is an
  /// unreadable log. `body` returns false to stop.
  func forEach(at seqs: [UInt64], _ body: (RawEnvelope) throws -> Bool) throws
}

extension LogReading {
  /// The hash of the event at `seq` stored in `txn`, read in place.
  static func hash(at seq: UInt64, in txn: Transaction, log: EventLog) throws -> [UInt8]? {
    try txn.withValue(log.events, key: seq.bigEndianBytes) { value in
      try value.map { Array(try RawEnvelope(seq: seq, value: $0).hash) }
    }
  }

  /// The keys from `from` through `through` (inclusive).
  static func range(from: UInt64, through: UInt64) -> KeyRange {
    // Every 8-byte key is at most UInt64.max: reading to the end needs no upper bound test.
    let upper = through == .max ? nil : through.bigEndianBytes
    return KeyRange(lower: from.bigEndianBytes, upper: upper, includesUpper: true)
  }

  /// The events of `log` at `seqs` in `txn` (``forEach(at:_:)``).
  static func forEach(
    at seqs: [UInt64], in txn: Transaction, log: EventLog, _ body: (RawEnvelope) throws -> Bool
  ) throws {
    try txn.withCursor(log.events) { cursor in
      for seq in seqs {
        guard let (key, value) = try cursor.seek(exactly: seq.bigEndianBytes) else {
          throw LogError.unreadable(seq: seq, "missing")
        }
        guard try body(Self.raw(key: key, value: value)) else { return }
      }
    }
  }

  /// A stored entry of the `events` database as an event.
  static func raw(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws -> RawEnvelope {
    guard let seq = UInt64(bigEndianBytes: key) else {
      throw LogError.unreadable(seq: 0, "key of \(key.count) bytes")
    }
    return try RawEnvelope(seq: seq, value: value)
  }
}

/// Reads one consistent snapshot of the log; lent by ``EventLog/read(_:)``.
package struct LogReader: LogReading {
  /// The read transaction, for the higher layers' index databases.
  package let transaction: ReadTransaction
  let log: EventLog

  /// The last event: its seq, hash and recording time; nil when the log is empty.
  package func head() throws -> (seq: UInt64, hash: [UInt8], recordedAt: Int64)? {
    try LogReader.head(in: transaction, log: log)
  }

  static func head(
    in txn: some ReadableTransaction, log: EventLog
  ) throws -> (seq: UInt64, hash: [UInt8], recordedAt: Int64)? {
    try txn.withCursor(log.events) { cursor in
      guard let (key, value) = try cursor.last() else { return nil }
      guard let seq = UInt64(bigEndianBytes: key), value.count >= Envelope.headerSize else {
        throw LogError.unreadable(seq: UInt64(bigEndianBytes: key) ?? 0, "too short")
      }
      return (seq, Array(value[0..<32]), Int64(bitPattern: UInt64(bigEndianBytes: value[66..<74]) ?? 0))
    }
  }

  /// What is wrong with the end of the log, cheaply: the head recorded in `meta` by the last
  /// append must be the last event's seq and hash, that event's hash must hold over its
  /// bytes, and its `prev` must be the hash of the event before. Nil when all hold (and for
  /// an empty log without a head).
  static func headProblem(in txn: some ReadableTransaction, log: EventLog) throws -> ChainFailure? {
    let recorded = try recordedHead(in: txn, log: log)
    let last: (seq: UInt64, hash: [UInt8], valid: Bool, prev: [UInt8])? = try txn.withCursor(log.events) {
      cursor in
      guard let (key, value) = try cursor.last() else { return nil }
      guard let seq = UInt64(bigEndianBytes: key) else {
        throw LogError.unreadable(seq: 0, "the last key is not a seq")
      }
      let raw = try RawEnvelope(seq: seq, value: value)
      return (seq, Array(raw.hash), raw.hashIsValid, Array(raw.prev))
    }
    let count = last?.seq ?? 0
    guard let recorded else {
      return count == 0 ? nil : ChainFailure(seq: 1, problem: "no head recorded in meta")
    }
    guard recorded.seq == count, let last else {
      return ChainFailure(
        seq: min(recorded.seq, count) + 1,
        problem: "the head recorded at the last append is seq \(recorded.seq), the log ends at \(count)")
    }
    guard recorded.hash == last.hash else {
      return ChainFailure(seq: count, problem: "hash differs from the head recorded at the last append")
    }
    guard last.valid else { return ChainFailure(seq: count, problem: "hash does not match the stored bytes") }
    let before: [UInt8]? =
      count > 1
      ? try txn.withValue(log.events, key: (count - 1).bigEndianBytes) { value in
        value.map { Array($0.prefix(32)) }
      }
      : Envelope.genesis
    guard before == last.prev else {
      return ChainFailure(
        seq: count - 1, problem: "missing, changed or replaced: not the event the last one is chained to")
    }
    return nil
  }

  /// The head recorded in `meta` by the last append: `seq` and hash; nil when absent or not
  /// 40 bytes.
  static func recordedHead(
    in txn: some ReadableTransaction, log: EventLog
  ) throws -> (seq: UInt64, hash: [UInt8])? {
    guard let bytes = try txn.get(log.meta, key: EventLog.headKey), bytes.count == 40,
      let seq = UInt64(bigEndianBytes: bytes[0..<8])
    else { return nil }
    return (seq, Array(bytes[8..<40]))
  }

  /// The storage format recorded in `meta` (one byte), nil when absent.
  package func storedFormat() throws -> [UInt8]? {
    try transaction.get(log.meta, key: EventLog.formatKey)
  }

  /// The head recorded in `meta` by the last append: `seq` and hash.
  package func recordedHead() throws -> (seq: UInt64, hash: [UInt8])? {
    try Self.recordedHead(in: transaction, log: log)
  }

  /// The event at `seq`, or nil.
  package func envelope(at seq: UInt64) throws -> Envelope? {
    try transaction.withValue(log.events, key: seq.bigEndianBytes) { value in
      try value.map { try RawEnvelope(seq: seq, value: $0).envelope }
    }
  }

  /// The chain hash of the event at `seq`, read in place (nil when there is no such event).
  package func hash(at seq: UInt64) throws -> [UInt8]? {
    try Self.hash(at: seq, in: transaction, log: log)
  }

  /// Calls `body` with each event from `from` through `through` (inclusive) in order,
  /// without copying; `body` returns false to stop.
  package func forEach(
    from: UInt64 = 1, through: UInt64 = .max, _ body: (RawEnvelope) throws -> Bool
  ) throws {
    // The read transaction's own walk, which loads the next event while this one is read.
    try transaction.forEach(log.events, in: Self.range(from: from, through: through)) { key, value in
      try body(Self.raw(key: key, value: value))
    }
  }
}

extension LogReader {
  /// Calls `body` with the events at `seqs` (ascending), read in place; an absent seq is an
  /// unreadable log. `body` returns false to stop.
  package func forEach(at seqs: [UInt64], _ body: (RawEnvelope) throws -> Bool) throws {
    try Self.forEach(at: seqs, in: transaction, log: log, body)
  }
}

/// An event still in the memory map: its fields read in place, its data not copied.
///
/// Valid only inside the closure that lent it.
package struct RawEnvelope {
  /// The position in the log.
  package let seq: UInt64
  /// The whole stored value.
  package let value: UnsafeRawBufferPointer

  init(seq: UInt64, value: UnsafeRawBufferPointer) throws {
    guard value.count >= Envelope.headerSize else {
      throw LogError.unreadable(seq: seq, "stored value of \(value.count) bytes is shorter than the header")
    }
    self.seq = seq
    self.value = value
  }

  /// The stored hash.
  package var hash: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: value[0..<32]) }
  /// The stored `prev`.
  package var prev: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: value[32..<64]) }
  /// The envelope format version byte.
  package var version: UInt8 { value[64] }
  /// The event type byte.
  package var type: UInt8 { value[65] }
  /// The recording time in µs since the epoch.
  package var recordedAt: Int64 {
    Int64(bitPattern: value[66..<74].reduce(0) { $0 << 8 | UInt64($1) })
  }
  /// The payload, in place.
  package var data: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: value[74...]) }
  /// The stored bytes past the two digests: the canonical bytes without the key.
  package var hashedTail: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: value[64...]) }

  /// A copy that outlives the transaction.
  package var envelope: Envelope {
    Envelope(
      seq: seq, type: type, recordedAt: recordedAt, data: Array(data), prev: Array(prev), hash: Array(hash))
  }

  /// Whether the stored hash is SHA-256 of `prev` and the canonical bytes.
  package var hashIsValid: Bool {
    withUnsafeBytes(of: seq.bigEndian) { key in
      ChainHasher.digest(prev: prev, key: key, tail: hashedTail).withUnsafeBytes { $0.elementsEqual(hash) }
    }
  }
}
