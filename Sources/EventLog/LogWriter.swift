import LMDB

/// Appends events inside one write transaction; lent by ``EventLog/write(_:)``.
public struct LogWriter {
  /// The write transaction, for the higher layers' index databases.
  public let transaction: WriteTransaction
  let log: EventLog
  /// The last event's seq (0 when the log is empty).
  public private(set) var headSeq: UInt64
  /// The last event's hash (``Envelope/genesis`` when empty).
  public private(set) var headHash: [UInt8]
  /// The last event's recording time.
  public private(set) var headRecordedAt: Int64
  private var appended = false

  init(transaction: WriteTransaction, log: EventLog) throws {
    self.transaction = transaction
    self.log = log
    let head = try LogReader.head(in: transaction, log: log)
    headSeq = head?.seq ?? 0
    headHash = head?.hash ?? Envelope.genesis
    headRecordedAt = head?.recordedAt ?? Int64.min
  }

  /// Appends an event now; `recordedAt` is the clock, held back so it never decreases.
  @discardableResult
  public mutating func append(type: UInt8, data: [UInt8]) throws -> Envelope {
    try append(type: type, data: data, recordedAt: max(log.clock(), headRecordedAt))
  }

  /// Appends an event with a given recording time (import); it must not be earlier than
  /// the head's.
  @discardableResult
  public mutating func append(type: UInt8, data: [UInt8], recordedAt: Int64) throws -> Envelope {
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

  /// Records the new head in `meta`, once per transaction.
  mutating func finish() throws {
    guard appended else { return }
    try transaction.put(log.meta, key: EventLog.headKey, value: headSeq.bigEndianBytes + headHash)
  }
}
