import LMDB

/// Appends events inside one write transaction; lent by ``EventLog/write(_:)``.
package struct LogWriter: LogReading {
  /// The write transaction, for the higher layers' index databases.
  package let transaction: WriteTransaction
  let log: EventLog
  /// The last event's seq (0 when the log is empty).
  package private(set) var headSeq: UInt64
  /// The last event's hash (``Envelope/genesis`` when empty).
  package private(set) var headHash: [UInt8]
  /// The last event's recording time.
  package private(set) var headRecordedAt: Int64
  private var appended = false

  init(transaction: WriteTransaction, log: EventLog) throws {
    self.transaction = transaction
    self.log = log
    let head = try LogReader.head(in: transaction, log: log)
    // Appending over a log that does not end where the last append left it would bury the
    // evidence (a deleted last event, a damaged head): refuse, and write nothing.
    if let problem = try LogReader.headProblem(in: transaction, log: log) {
      throw LogError.headDisagrees(problem)
    }
    headSeq = head?.seq ?? 0
    headHash = head?.hash ?? Envelope.genesis
    headRecordedAt = head?.recordedAt ?? Int64.min
  }

  /// Appends an event now; `recordedAt` is the clock, held back so it never decreases.
  @discardableResult
  package mutating func append(type: UInt8, data: [UInt8]) throws -> Envelope {
    try append(type: type, data: data, recordedAt: max(log.clock(), headRecordedAt))
  }

  /// Appends an event with a given recording time (import); it must not be earlier than
  /// the head's.
  @discardableResult
  package mutating func append(type: UInt8, data: [UInt8], recordedAt: Int64) throws -> Envelope {
    let seq = headSeq + 1
    guard recordedAt >= headRecordedAt else {
      throw LogError.chainBroken(seq: seq, "recordedAt goes back in time")
    }
    // The stored value is written straight into the page LMDB reserves for it, and hashed
    // there: no canonical or stored copy of the event is ever assembled.
    let hash = try withUnsafeBytes(of: seq.bigEndian) { key in
      try data.withUnsafeBytes { data in
        try headHash.withUnsafeBytes { prev in
          try transaction.put(
            log.events, key: key, reservingCount: Envelope.headerSize + data.count, options: .append
          ) { value in
            Envelope.layOut(into: value, key: key, type: type, recordedAt: recordedAt, data: data, prev: prev)
          }
        }
      }
    }
    let envelope = Envelope(
      seq: seq, type: type, recordedAt: recordedAt, data: data, prev: headHash, hash: hash)
    headSeq = seq
    headHash = hash
    headRecordedAt = recordedAt
    appended = true
    return envelope
  }

  /// The chain hash of the event at `seq`, appended in this transaction or before it.
  package func hash(at seq: UInt64) throws -> [UInt8]? {
    seq == headSeq && seq > 0 ? headHash : try Self.hash(at: seq, in: transaction, log: log)
  }

  /// Calls `body` with each event from `from` through `through` (inclusive) in order,
  /// those appended in this transaction included, without copying; `body` returns false to
  /// stop. Only while nothing is appended: an append may move the pages the events lie in.
  package func forEach(
    from: UInt64 = 1, through: UInt64 = .max, _ body: (RawEnvelope) throws -> Bool
  ) throws {
    try transaction.forEach(log.events, in: Self.range(from: from, through: through)) { key, value in
      try body(Self.raw(key: key, value: value))
    }
  }

  /// Calls `body` with the events at `seqs` (ascending), those appended in this transaction
  /// included, read in place; an absent seq is an unreadable log. Only while nothing is
  /// appended, as ``forEach(from:through:_:)``.
  package func forEach(at seqs: [UInt64], _ body: (RawEnvelope) throws -> Bool) throws {
    try Self.forEach(at: seqs, in: transaction, log: log, body)
  }

  /// Records the new head in `meta`, once per transaction.
  mutating func finish() throws {
    guard appended else { return }
    try transaction.put(log.meta, key: EventLog.headKey, value: headSeq.bigEndianBytes + headHash)
  }
}
