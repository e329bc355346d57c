import Domain

/// A state written out whole, so a read can start from it instead of from the first event.
///
/// Each source is written as its record: metadata and the values of its facts, without
/// evidence but for counts' (as the state holds them). Corrections are written as the
/// payloads of their events. Sources are written in the order ingested: the same state
/// always gives the same bytes.
extension ArchiveState {
  /// The first byte of a snapshot: its layout. A reader refuses others and rebuilds.
  public static let snapshotVersion: UInt8 = 3

  /// The state as snapshot bytes.
  public var snapshotBytes: [UInt8] {
    var w = ByteWriter(capacity: 160 * sources.count + 64)
    w.byte(ArchiveState.snapshotVersion)
    w.varint(lastSeq)
    w.optional(lastRecordedAt) { $0.int(Int($1.microseconds)) }
    w.array(sources.values) { w, s in
      w.raw(s.id.digest)
      w.varint(s.seq)
      w.string(s.language)
      w.days(s.publishedDays)
      w.bool(s.isTranslation)
      w.optional(s.link) { $0.string($1) }
      w.optional(s.originalLink) { $0.string($1) }
      w.optional(s.revises) { $0.raw($1.digest) }
      // The root is the document itself unless it revises another.
      w.optional(s.revisionRoot == s.id ? nil : s.revisionRoot) { $0.raw($1.digest) }
      w.varint(s.factsSeq)
      w.optional(s.retraction) { w, r in
        w.varint(r.seq)
        w.string(r.reason)
      }
      w.factValues(s.facts)
    }
    w.array(corrections) { w, c in
      w.varint(c.seq)
      w.int(Int(c.recordedAt.microseconds))
      w.lengthPrefixed(Event.factCorrected(c.correction).payload)
    }
    return w.bytes
  }

  /// Reads a state from snapshot bytes.
  public init(snapshot bytes: [UInt8]) throws(StoredFormError) {
    let result = bytes.withUnsafeBytes { bytes in
      Result { () throws(StoredFormError) in try ArchiveState(snapshot: bytes) }
    }
    self = try result.get()
  }

  /// Reads a state from snapshot bytes in place (e.g. in the memory map).
  public init(snapshot bytes: UnsafeRawBufferPointer) throws(StoredFormError) {
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
      let count = try r.count()
      state.sources.reserveCapacity(count)
      for _ in 0..<count {
        let id = try r.documentID()
        var record = SourceRecord(
          id: id, seq: try r.varint(), language: try r.string(), published: nil, isTranslation: false,
          link: nil, originalLink: nil, revises: nil, revisionRoot: id, facts: FactValues(),
          factsSeq: 0, retraction: nil)
        record.publishedDays = try r.days()
        record.isTranslation = try r.bool()
        record.link = try r.optionalString()
        record.originalLink = try r.optionalString()
        record.revises = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.documentID()
        }
        if let root = try r.optional({ (r: inout ByteReader) throws(StoredFormError) in try r.documentID() })
        {
          record.revisionRoot = root
        }
        record.factsSeq = try r.varint()
        record.retraction = try r.optional { (r: inout ByteReader) throws(StoredFormError) in
          RetractionRecord(seq: try r.varint(), reason: try r.string())
        }
        record.facts = try r.snapshotFactValues()
        state.sources.insert(record)
      }
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
  mutating func lengthPrefixed(_ bytes: [UInt8]) {
    varint(UInt64(bytes.count))
    raw(bytes)
  }

  /// A date as days since 1970 in an optional int (absent for ``FactValues/noDay``).
  mutating func days(_ days: Int32) {
    optional(days == FactValues.noDay ? nil : days) { $0.int(Int($1)) }
  }

  mutating func factValues(_ f: FactValues) {
    optional(f.group) { $0.string($1) }
    optional(f.ordinal) { $0.int($1) }
    days(f.startDays)
    days(f.endDays)
    optional(f.city) { $0.string($1) }
    optional(f.country) { $0.string($1) }
    optional(f.virtual) { $0.bool($1) }
    optional(f.chairs) { $0.string($1) }
    optional(f.themes) { $0.string($1) }
    array(f.counts) { w, count in
      w.optional(count.value) { $0.int($1) }
      w.byte(count.qualifier.storedByte)
      w.byte(count.counts.storedByte)
      w.varint(UInt64(count.evidence.range.lowerBound))
      w.varint(UInt64(count.evidence.range.count))
      w.string(count.evidence.quote)
    }
  }
}

extension ByteReader {
  mutating func documentID() throws(StoredFormError) -> DocumentID {
    guard let id = DocumentID(digest: try raw(32)) else { throw .malformed("document digest", at: offset) }
    return id
  }

  mutating func event(type: EventType) throws(StoredFormError) -> Event {
    let count = try count()
    let bytes = try raw(count)
    return try Event(type: type.rawValue, payload: bytes)
  }

  mutating func days() throws(StoredFormError) -> Int32 {
    try optional { (r: inout ByteReader) throws(StoredFormError) in try r.foldedDays() } ?? FactValues.noDay
  }

  mutating func snapshotFactValues() throws(StoredFormError) -> FactValues {
    var f = FactValues()
    f.group = try optionalString()
    f.ordinal = try optional { (r: inout ByteReader) throws(StoredFormError) in try r.int() }
    f.startDays = try days()
    f.endDays = try days()
    f.city = try optionalString()
    f.country = try optionalString()
    f.virtual = try optional { (r: inout ByteReader) throws(StoredFormError) in try r.bool() }
    f.chairs = try optionalString()
    f.themes = try optionalString()
    f.counts = try array { (r: inout ByteReader) throws(StoredFormError) -> CountStatement in
      let value = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.int() }
      let at = r.offset
      guard let qualifier = CountQualifier(storedByte: try r.byte()) else {
        throw .malformed("unknown count qualifier", at: at)
      }
      guard let kind = CountedKind(storedByte: try r.byte()) else {
        throw .malformed("unknown counted kind", at: at + 1)
      }
      return CountStatement(
        value: value, qualifier: qualifier, counts: kind, evidence: try r.evidence(flaggedQuotes: false))
    }
    return f
  }
}
