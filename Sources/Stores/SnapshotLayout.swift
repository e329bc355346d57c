import Domain
import Projections
import StoredForm

/// The layout of a snapshot (``Snapshots`` stores it): a state written out whole, so a read
/// can start from it instead of from the first event.
///
/// The source table is written as it is held: its pools of texts and quotes, then each
/// row (texts as places in the pools, revision links as row positions, counts inline), then
/// the retractions and the revised documents it does not hold. Corrections are written as
/// the payloads of their events. The same state always gives the same bytes.
extension ArchiveState {
  /// The first byte of a snapshot: its layout. A reader refuses others and rebuilds. (7 is 6
  /// with the store's checksum made CRC-32: the state's bytes are the same.)
  package static let snapshotVersion: UInt8 = 7

  /// The state as snapshot bytes.
  package var snapshotBytes: [UInt8] {
    var w = ByteWriter(capacity: 96 * sources.count + 64)
    w.byte(ArchiveState.snapshotVersion)
    w.varint(lastSeq)
    w.optional(lastRecordedAt) { $0.int(Int($1.microseconds)) }
    let table = sources
    w.array(table.texts.stored) { $0.string($1) }
    w.array(table.quotes.stored) { $0.string($1) }
    w.array(table.rows) { w, row in
      w.raw(row.id.digest)
      w.varint(row.seq)
      // Most facts are the ingestion's own: 0 then.
      w.varint(row.factsSeq == row.seq ? 0 : row.factsSeq)
      w.varint(row.linkKey)
      w.varint(row.originalLinkKey)
      w.int(Int(row.revises))
      w.varint(UInt64(row.revisionRoot))
      w.days(row.published)
      w.varint(UInt64(row.language.raw))
      w.byte((row.isTranslation ? 1 : 0) | (row.isRetracted ? 2 : 0))
      let f = row.facts
      w.int(f.ordinal)
      w.days(f.start)
      w.days(f.end)
      // Field by field: an array literal here would be allocated for every row.
      w.varint(UInt64(f.group.raw))
      w.varint(UInt64(f.city.raw))
      w.varint(UInt64(f.country.raw))
      w.varint(UInt64(f.chairs.raw))
      w.varint(UInt64(f.themes.raw))
      w.byte(f.virtual.map { $0 ? 2 : 1 } ?? 0)
      w.array(table.counts(of: f)) { w, count in
        w.optional(count.value) { $0.int($1) }
        w.byte(count.qualifier.storedByte)
        w.byte(count.counts.storedByte)
        w.varint(UInt64(count.group.raw))
        w.varint(UInt64(count.range.lowerBound))
        w.varint(UInt64(count.range.count))
        w.varint(UInt64(count.quote.raw))
      }
    }
    w.array(table.retractions.sorted { $0.key < $1.key }) { w, entry in
      w.varint(UInt64(entry.key))
      w.varint(entry.value.seq)
      w.string(entry.value.reason)
    }
    w.array(table.unheldRevised.sorted { $0.key < $1.key }) { w, entry in
      w.varint(UInt64(entry.key))
      w.raw(entry.value.digest)
    }
    w.array(corrections) { w, c in
      w.varint(c.seq)
      w.int(Int(c.recordedAt.microseconds))
      w.lengthPrefixed(Event.factCorrected(c.correction).payload)
    }
    return w.bytes
  }

  /// Reads a state from snapshot bytes.
  package init(snapshot bytes: [UInt8]) throws(StoredFormError) {
    let result = bytes.withUnsafeBytes { bytes in
      Result { () throws(StoredFormError) in try ArchiveState(snapshot: bytes) }
    }
    self = try result.get()
  }

  /// Reads a state from snapshot bytes in place (e.g. in the memory map).
  package init(snapshot bytes: UnsafeRawBufferPointer) throws(StoredFormError) {
    self.init()
    var state = ArchiveState()
    try ByteReader.withReader(over: bytes) { (r: inout ByteReader) throws(StoredFormError) in
      guard try r.byte() == ArchiveState.snapshotVersion else {
        throw .malformed("snapshot layout \(bytes.first ?? 0) is not \(ArchiveState.snapshotVersion)", at: 0)
      }
      state.lastSeq = try r.varint()
      state.lastRecordedAt = try r.optional { (r: inout ByteReader) throws(StoredFormError) in
        Timestamp(microseconds: Int64(try r.int()))
      }
      let texts = try r.pool()
      let quotes = try r.pool()
      let count = try r.count()
      var table = SourceTable()
      table.reserveCapacity(count)
      for _ in 0..<count {
        let id = try r.documentID()
        let seq = try r.varint()
        let factsSeq = try r.varint()
        var row = SourceRow(
          id: id, seq: seq, factsSeq: factsSeq == 0 ? seq : factsSeq, linkKey: try r.varint(),
          originalLinkKey: try r.varint(), published: FactValues.noDay, language: .none, isTranslation: false,
          facts: FactRow())
        let at = r.offset
        let revises = try r.int()
        let root = try r.varint()
        guard revises >= Int(SourceRow.revisesUnheld), revises < count, root < count else {
          throw .malformed("revision link out of range", at: at)
        }
        row.revises = Int32(revises)
        row.revisionRoot = Int32(root)
        row.published = try r.days()
        row.language = try r.pooledText(in: texts)
        let flags = try r.byte()
        row.isTranslation = flags & 1 != 0
        row.isRetracted = flags & 2 != 0
        var f = FactRow()
        f.ordinal = try r.int()
        f.start = try r.days()
        f.end = try r.days()
        f.group = try r.pooledText(in: texts)
        f.city = try r.pooledText(in: texts)
        f.country = try r.pooledText(in: texts)
        f.chairs = try r.pooledText(in: texts)
        f.themes = try r.pooledText(in: texts)
        f.virtual = [nil, false, true][Int(min(try r.byte(), 2))]
        f.countsStart = table.nextCount
        let counts = try r.count()
        for _ in 0..<counts {
          let value = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.int() }
          let at = r.offset
          guard let qualifier = CountQualifier(storedByte: try r.byte()),
            let kind = CountedKind(storedByte: try r.byte())
          else { throw .malformed("unknown count code", at: at) }
          let group = try r.pooledText(in: texts)
          let lower = try r.varint()
          let length = try r.varint()
          guard lower <= UInt64(Int32.max) << 16, length <= UInt64(Int32.max) << 16 else {
            throw .malformed("evidence range out of bounds", at: at + 2)
          }
          table.addCount(
            CountRow(
              value: value, qualifier: qualifier, counts: kind, group: group,
              range: Int(lower)..<Int(lower + length),
              quote: try r.pooledText(in: quotes)))
        }
        f.countsCount = UInt32(counts)
        row.facts = f
        table.place(row)
      }
      guard table.count == count else { throw .malformed("a document is written twice", at: r.offset) }
      let retractions = try r.array {
        (r: inout ByteReader) throws(StoredFormError) -> (Int32, RetractionRecord) in
        (try r.position(below: count), RetractionRecord(seq: try r.varint(), reason: try r.string()))
      }
      let unheld = try r.array { (r: inout ByteReader) throws(StoredFormError) -> (Int32, DocumentID) in
        (try r.position(below: count), try r.documentID())
      }
      table.restore(
        texts: texts, quotes: quotes,
        retractions: Dictionary(retractions, uniquingKeysWith: { $1 }),
        unheldRevised: Dictionary(unheld, uniquingKeysWith: { $1 }))
      state.sources = table
      state.corrections = try r.array { (r: inout ByteReader) throws(StoredFormError) -> CorrectionRecord in
        let seq = try r.varint()
        let recordedAt = Timestamp(microseconds: Int64(try r.int()))
        guard case .factCorrected(let correction) = try r.event(type: EventType.factCorrected) else {
          throw .malformed("snapshot correction", at: r.offset)
        }
        return CorrectionRecord(seq: seq, recordedAt: recordedAt, correction: correction)
      }
      guard r.isAtEnd else { throw .malformed("trailing bytes", at: r.offset) }
    }
    self = state
  }
}

extension ByteWriter {
  package mutating func lengthPrefixed(_ bytes: [UInt8]) {
    varint(UInt64(bytes.count))
    raw(bytes)
  }

  /// A date as days since 1970 in an optional int (absent for ``FactValues/noDay``).
  package mutating func days(_ days: Int32) {
    optional(days == FactValues.noDay ? nil : days) { $0.int(Int($1)) }
  }
}

extension ByteReader {
  package mutating func event(type: EventType) throws(StoredFormError) -> Event {
    let count = try count()
    let bytes = try raw(count)
    return try Event(type: type.rawValue, payload: bytes)
  }

  package mutating func days() throws(StoredFormError) -> Int32 {
    try present() ? try storedDays() : FactValues.noDay
  }

  /// A pool written as its texts in order.
  package mutating func pool() throws(StoredFormError) -> TextPool {
    var pool = TextPool()
    let count = try count()
    pool.reserveCapacity(count)
    for _ in 0..<count {
      let at = offset
      let text = try string()
      guard pool.intern(text).raw == UInt32(pool.count) else {
        throw .malformed("a pooled text is written twice", at: at)
      }
    }
    return pool
  }

  /// A place in `pool`.
  package mutating func pooledText(in pool: TextPool) throws(StoredFormError) -> PooledText {
    let at = offset
    let text = PooledText(raw: UInt32(truncatingIfNeeded: try varint()))
    guard pool.holds(text) else { throw .malformed("pooled text out of range", at: at) }
    return text
  }

  /// A row position below `count`.
  package mutating func position(below count: Int) throws(StoredFormError) -> Int32 {
    let at = offset
    let position = try self.count()
    guard position < count else { throw .malformed("row out of range", at: at) }
    return Int32(position)
  }
}
