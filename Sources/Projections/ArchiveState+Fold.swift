import Domain

/// Folding stored payloads straight into the state, without building events.
///
/// A rebuild or a read folds every document event since its snapshot; a full `Event`
/// would hold every evidence quote and document field as a `String`, only for the fold to
/// drop most of them. This reads the payload layouts of docs/FORMAT.md and keeps exactly
/// what a ``SourceRecord`` keeps: quotes (but counts'), texts, sources, formats, feeds and
/// guids are skipped, not copied. Payload versions it does not know, and the rare
/// corrections and retractions, go through the full decoder, so the state is the same
/// either way (a test checks it against ``ArchiveState/apply(_:)``).
extension ArchiveState {
  /// Folds one stored event: its seq, recording time, type byte and payload bytes (read in
  /// place; they need only live for the call).
  public mutating func apply(
    seq: UInt64, recordedAt: Timestamp, type: UInt8, payload: UnsafeRawBufferPointer
  ) throws(StoredFormError) {
    let first = payload.first
    switch EventType(rawValue: type) {
    case .documentIngested where first.map(ArchiveState.foldedPayloadVersions.contains) == true:
      let record = try ByteReader.withReader(over: payload, offset: 1) {
        (r: inout ByteReader) throws(StoredFormError) -> SourceRecord in
        try r.ingestedRecord(seq: seq, version: first ?? 1)
      }
      lastSeq = seq
      lastRecordedAt = recordedAt
      ingest(record)
    case .documentReextracted where first.map(ArchiveState.foldedPayloadVersions.contains) == true:
      let (document, facts) = try ByteReader.withReader(over: payload, offset: 1) {
        (r: inout ByteReader) throws(StoredFormError) -> (DocumentID, FactValues) in
        let document = try r.documentID()
        let facts = try r.factValues(flaggedQuotes: false)  // no text, so no quote is left out
        guard r.isAtEnd else { throw .malformed("trailing bytes", at: r.offset) }
        return (document, facts)
      }
      lastSeq = seq
      lastRecordedAt = recordedAt
      reextract(document, facts: facts, seq: seq)
    default:
      let event = try Event(type: type, payload: payload, text: .skip)
      apply(RecordedEvent(seq: seq, recordedAt: recordedAt, event: event))
    }
  }

  /// The payload versions whose layouts ``apply(seq:recordedAt:type:payload:)`` reads itself
  /// (they differ only in how a document's text is stored, which a fold steps over).
  static let foldedPayloadVersions: ClosedRange<UInt8> = 1...2
}

extension ByteReader {
  /// The flag of an optional: whether a value follows. Read here rather than through
  /// ``optional(_:)``, whose closure a fold would call for every field of every event.
  @inline(__always)
  mutating func present() throws(StoredFormError) -> Bool {
    let at = offset
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw .malformed("optional flag is neither 0 nor 1", at: at)
    }
  }

  /// A `document.ingested` payload (after its version byte) as the record it folds into.
  mutating func ingestedRecord(seq: UInt64, version: UInt8) throws(StoredFormError) -> SourceRecord {
    let id = try documentID()
    let revises = try present() ? try documentID() : nil
    try skipString()  // source
    try skipString()  // format
    if try present() {  // feed: title, link, language
      try skipOptionalString()
      try skipOptionalString()
      try skipOptionalString()
    }
    try skipOptionalString()  // guid
    let link = try optionalString()
    try skipOptionalString()  // title
    let published = try present() ? try foldedDays() : nil
    let language = try string()
    let originalLink = try optionalString()
    let isTranslation = try bool()
    let facts: FactValues
    if version == 1 {
      facts = try factValues(flaggedQuotes: false)
      try skipString()  // text
    } else {
      try skipStoredText()
      facts = try factValues(flaggedQuotes: true)
    }
    guard isAtEnd else { throw .malformed("trailing bytes", at: offset) }
    var record = SourceRecord(
      id: id, seq: seq, language: language, published: nil, isTranslation: isTranslation, link: link,
      originalLink: originalLink, revises: revises, revisionRoot: id, facts: facts, factsSeq: seq,
      retraction: nil)
    record.publishedDays = published ?? FactValues.noDay
    return record
  }

  /// The facts layout of docs/FORMAT.md, read into their values: evidence is skipped but for
  /// counts'. `flaggedQuotes`: evidence in a version-2 document's layout, whose length
  /// carries a flag saying whether its quote follows.
  mutating func factValues(flaggedQuotes: Bool) throws(StoredFormError) -> FactValues {
    var f = FactValues()
    try skipString()  // extractor
    f.group = try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in try r.string()
    }
    f.ordinal = try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in try r.int()
    }
    f.startDays =
      try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in try r.foldedDays() }
      ?? FactValues.noDay
    f.endDays =
      try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in try r.foldedDays() }
      ?? FactValues.noDay
    f.city = try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in try r.string()
    }
    f.country = try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in
      try r.string()
    }
    f.virtual = try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in try r.bool()
    }
    f.chairs = try statedList(flaggedQuotes)
    let countsCount = try count()
    if countsCount > 0 {
      var counts: [CountStatement] = []
      counts.reserveCapacity(countsCount)
      for _ in 0..<countsCount {
        let value = try present() ? try int() : nil
        let at = offset
        guard let qualifier = CountQualifier(storedByte: try byte()) else {
          throw .malformed("unknown count qualifier", at: at)
        }
        guard let kind = CountedKind(storedByte: try byte()) else {
          throw .malformed("unknown counted kind", at: at + 1)
        }
        counts.append(
          CountStatement(
            value: value, qualifier: qualifier, counts: kind,
            evidence: try evidence(flaggedQuotes: flaggedQuotes)))
      }
      f.counts = counts
    }
    f.themes = try statedList(flaggedQuotes)
    return f
  }

  /// An optional stated value: the value, its evidence skipped.
  @inline(__always)
  mutating func statedValue<V>(
    _ flaggedQuotes: Bool, _ read: (inout ByteReader) throws(StoredFormError) -> V
  ) throws(StoredFormError) -> V? {
    guard try present() else { return nil }
    let value = try read(&self)
    try skipEvidence(flaggedQuotes)
    return value
  }

  /// An array of optional stated strings (chairs, themes) in the views' list form.
  mutating func statedList(_ flaggedQuotes: Bool) throws(StoredFormError) -> String? {
    let n = try count()
    guard n > 0 else { return nil }
    if n == 1 {
      return try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in try r.string()
      }
    }
    var items: [String] = []
    items.reserveCapacity(n)
    for _ in 0..<n {
      if let item = try statedValue(
        flaggedQuotes, { (r: inout ByteReader) throws(StoredFormError) in try r.string() })
      {
        items.append(item)
      }
    }
    return FactValues.list(items)
  }

  mutating func skipEvidence(_ flaggedQuotes: Bool) throws(StoredFormError) {
    _ = try varint()
    let length = try varint()
    if !flaggedQuotes || length & 1 == 1 { try skipString() }
  }

  mutating func skipOptionalString() throws(StoredFormError) {
    if try present() { try skipString() }
  }

  mutating func optionalString() throws(StoredFormError) -> String? {
    try present() ? try string() : nil
  }

  /// A date as days since 1970, in the range every writer stays in.
  mutating func foldedDays() throws(StoredFormError) -> Int32 {
    let at = offset
    let days = try int()
    guard (-719_162...2_932_896).contains(days) else { throw .malformed("date out of range", at: at) }
    return Int32(days)
  }
}
