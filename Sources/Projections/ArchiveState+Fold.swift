import Domain

/// Folding stored payloads straight into the state, without building events.
///
/// A rebuild or a read folds every document event since its snapshot; a full `Event`
/// would hold every evidence quote and document field as a `String`, only for the fold to
/// drop most of them. This reads the payload layouts of docs/FORMAT.md and keeps exactly
/// what a ``SourceRow`` keeps: quotes (but counts'), texts, sources, formats, feeds and
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
      let (row, revises) = try ByteReader.withReader(over: payload, offset: 1) {
        (r: inout ByteReader) throws(StoredFormError) -> (SourceRow, DocumentID?) in
        try r.ingestedRow(seq: seq, version: first ?? 1, pooledIn: &sources)
      }
      lastSeq = seq
      lastRecordedAt = recordedAt
      ingest(row, revises: revises)
    case .documentReextracted where first.map(ArchiveState.foldedPayloadVersions.contains) == true:
      let (document, facts) = try ByteReader.withReader(over: payload, offset: 1) {
        (r: inout ByteReader) throws(StoredFormError) -> (DocumentID, FactRow) in
        let document = try r.documentID()
        // No text, so no quote is left out.
        let facts = try r.factRow(flaggedQuotes: false, pooledIn: &sources)
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
  static let foldedPayloadVersions: ClosedRange<UInt8> = 1...3
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

  /// A `document.ingested` payload (after its version byte) as the row it folds into, and
  /// the document it revises; its texts and counts are added to `table`.
  mutating func ingestedRow(
    seq: UInt64, version: UInt8, pooledIn table: inout SourceTable
  ) throws(StoredFormError) -> (SourceRow, DocumentID?) {
    let id = try documentID()
    table.anticipate(id)
    let revises = try present() ? try documentID() : nil
    // Version 3 keeps source, feed and title in the block with the text, stepped over below.
    if version < 3 { try skipString() }  // source
    try skipString()  // format
    if version < 3, try present() {  // feed: title, link, language
      try skipOptionalString()
      try skipOptionalString()
      try skipOptionalString()
    }
    try skipOptionalString()  // guid
    let link = try linkKey()
    if version < 3 { try skipOptionalString() }  // title
    let published = try present() ? try foldedDays() : FactValues.noDay
    let language = try table.pooledText(&self)
    let originalLink = try linkKey()
    let isTranslation = try bool()
    let facts: FactRow
    if version == 1 {
      facts = try factRow(flaggedQuotes: false, pooledIn: &table)
      try skipString()  // text
    } else {
      try skipStoredText()  // the text, or version 3's block
      facts = try factRow(flaggedQuotes: true, pooledIn: &table)
    }
    guard isAtEnd else { throw .malformed("trailing bytes", at: offset) }
    let row = SourceRow(
      id: id, seq: seq, factsSeq: seq, linkKey: link, originalLinkKey: originalLink, published: published,
      language: language, isTranslation: isTranslation, facts: facts)
    return (row, revises)
  }

  /// An optional string read as its ``LinkKey``, from its bytes in place.
  mutating func linkKey() throws(StoredFormError) -> UInt64 {
    try present() ? LinkKey.of(utf8: try stringBytes()) : 0
  }

  /// The facts layout of docs/FORMAT.md, read into a fact row: evidence is skipped but for
  /// counts', texts are pooled and counts added in `table`. `flaggedQuotes`: evidence in a
  /// version-2 document's layout, whose length carries a flag saying whether its quote follows.
  mutating func factRow(flaggedQuotes: Bool, pooledIn table: inout SourceTable) throws(StoredFormError)
    -> FactRow
  {
    var f = FactRow()
    try skipString()  // extractor
    f.group = try pooledValue(flaggedQuotes, in: &table)
    f.ordinal =
      try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in try r.int() }
      ?? FactRow.noOrdinal
    f.start =
      try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in try r.foldedDays() }
      ?? FactValues.noDay
    f.end =
      try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in try r.foldedDays() }
      ?? FactValues.noDay
    f.city = try pooledValue(flaggedQuotes, in: &table)
    f.country = try pooledValue(flaggedQuotes, in: &table)
    f.virtual = try statedValue(flaggedQuotes) { (r: inout ByteReader) throws(StoredFormError) in try r.bool()
    }
    f.chairs = try pooledList(flaggedQuotes, in: &table)
    f.countsStart = table.nextCount
    let countsCount = try count()
    for _ in 0..<countsCount {
      let value = try present() ? try int() : nil
      let at = offset
      guard let qualifier = CountQualifier(storedByte: try byte()) else {
        throw .malformed("unknown count qualifier", at: at)
      }
      let kindByte = try byte()
      guard let kind = CountedKind(storedByte: kindByte & ~CountedKind.namesGroup) else {
        throw .malformed("unknown counted kind", at: at + 1)
      }
      let group = kindByte & CountedKind.namesGroup == 0 ? PooledText.none : try table.pooledText(&self)
      try table.addCount(
        value: value, qualifier: qualifier, counts: kind, group: group, evidence: &self,
        flaggedQuotes: flaggedQuotes)
    }
    f.countsCount = UInt32(countsCount)
    f.themes = try pooledList(flaggedQuotes, in: &table)
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

  /// An optional stated string, pooled in `table`; its evidence skipped.
  @inline(__always)
  mutating func pooledValue(_ flaggedQuotes: Bool, in table: inout SourceTable) throws(StoredFormError)
    -> PooledText
  {
    guard try present() else { return .none }
    let value = try table.pooledText(&self)
    try skipEvidence(flaggedQuotes)
    return value
  }

  /// An array of optional stated strings (chairs, themes) in the views' list form, pooled
  /// in `table`: one item is pooled as it is read; two are looked up as a pair of items
  /// (most lists are one of a few pairs), more are sorted and joined first.
  mutating func pooledList(_ flaggedQuotes: Bool, in table: inout SourceTable) throws(StoredFormError)
    -> PooledText
  {
    let n = try count()
    guard n > 0 else { return .none }
    if n == 1 { return try pooledValue(flaggedQuotes, in: &table) }
    if n == 2 {
      guard try present() else { return try pooledValue(flaggedQuotes, in: &table) }
      let first = try table.listItem(&self)
      try skipEvidence(flaggedQuotes)
      guard try present() else { return table.pooledList(first, nil) }
      let second = try table.listItem(&self)
      try skipEvidence(flaggedQuotes)
      return table.pooledList(first, second)
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
    return table.pooled(FactValues.list(items))
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
