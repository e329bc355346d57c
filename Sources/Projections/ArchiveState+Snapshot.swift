import Domain

/// A state written out whole, so a read can start from it instead of from the first event.
///
/// Facts, corrections and retractions are written as the payloads of the events that carry
/// them, so there is one binary form of each and a snapshot changes when they do. Sources
/// are written in seq order: the same state always gives the same bytes.
extension ArchiveState {
  /// The first byte of a snapshot: its layout. A reader refuses others and rebuilds.
  public static let snapshotVersion: UInt8 = 2

  /// The state as snapshot bytes.
  public var snapshotBytes: [UInt8] {
    var w = ByteWriter(capacity: 256 * sources.count + 64)
    w.byte(ArchiveState.snapshotVersion)
    w.varint(lastSeq)
    w.optional(lastRecordedAt) { $0.int(Int($1.microseconds)) }
    w.array(sources.values.sorted { $0.seq < $1.seq }) { w, s in
      w.varint(s.seq)
      w.string(s.language)
      w.optional(s.published) { $0.int($1.daysSinceEpoch) }
      w.bool(s.isTranslation)
      w.optional(s.title) { $0.string($1) }
      w.optional(s.guid) { $0.string($1) }
      w.optional(s.link) { $0.string($1) }
      w.optional(s.originalLink) { $0.string($1) }
      w.optional(s.revises) { $0.raw($1.digest) }
      w.raw(s.revisionRoot.digest)
      w.varint(s.factsSeq)
      w.optional(s.retraction) { w, r in
        w.varint(r.seq)
        w.string(r.reason)
      }
      w.lengthPrefixed(Event.documentReextracted(DocumentReextracted(document: s.id, facts: s.facts)).payload)
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
    self.init()
    var r = ByteReader(bytes)
    guard try r.byte() == ArchiveState.snapshotVersion else {
      throw .malformed(
        "snapshot layout \(bytes.first ?? 0) is not \(ArchiveState.snapshotVersion)", at: 0)
    }
    lastSeq = try r.varint()
    lastRecordedAt = try r.optional { (r: inout ByteReader) throws(StoredFormError) in
      Timestamp(microseconds: Int64(try r.int()))
    }
    let records = try r.array { (r: inout ByteReader) throws(StoredFormError) -> SourceRecord in
      let seq = try r.varint()
      let language = try r.string()
      let published = try r.optional { (r: inout ByteReader) throws(StoredFormError) in
        CalendarDate(daysSinceEpoch: try r.int())
      }
      let isTranslation = try r.bool()
      let title = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
      let guid = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
      let link = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
      let originalLink = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
      let revises = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.documentID() }
      let root = try r.documentID()
      let factsSeq = try r.varint()
      let retraction = try r.optional { (r: inout ByteReader) throws(StoredFormError) in
        RetractionRecord(seq: try r.varint(), reason: try r.string())
      }
      guard case .documentReextracted(let facts) = try r.event(type: EventType.documentReextracted) else {
        throw .malformed("snapshot facts", at: r.offset)
      }
      return SourceRecord(
        id: facts.document, seq: seq, language: language, published: published, isTranslation: isTranslation,
        title: title, guid: guid, link: link, originalLink: originalLink, revises: revises,
        revisionRoot: root, facts: facts.facts,
        factsSeq: factsSeq, retraction: retraction)
    }
    sources.reserveCapacity(records.count)
    for record in records { sources[record.id] = record }
    corrections = try r.array { (r: inout ByteReader) throws(StoredFormError) -> CorrectionRecord in
      let seq = try r.varint()
      let recordedAt = Timestamp(microseconds: Int64(try r.int()))
      guard case .factCorrected(let correction) = try r.event(type: EventType.factCorrected) else {
        throw .malformed("snapshot correction", at: r.offset)
      }
      return CorrectionRecord(seq: seq, recordedAt: recordedAt, correction: correction)
    }
  }
}

extension ByteWriter {
  mutating func lengthPrefixed(_ bytes: [UInt8]) {
    varint(UInt64(bytes.count))
    raw(bytes)
  }
}

extension ByteReader {
  mutating func documentID() throws(StoredFormError) -> DocumentID {
    guard let id = DocumentID(digest: try raw(32)) else { throw .malformed("document digest", at: offset) }
    return id
  }

  mutating func event(type: EventType) throws(StoredFormError) -> Event {
    try Event(type: type.rawValue, payload: try raw(try count()))
  }
}
