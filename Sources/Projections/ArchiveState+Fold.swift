import Domain

/// Folding stored payloads straight into the state, without building events.
///
/// A rebuild or a read folds every document event since its snapshot; a full `Event`
/// would hold every evidence quote and document field as a `String`, only for the fold to
/// drop most of them. The stored form's reader visits the fields in place
/// (``StoredFieldVisitor``) and this keeps exactly what a ``SourceRow`` keeps: quotes (but
/// counts'), texts, sources, formats, feeds and guids are stepped over, not copied. The
/// rare corrections and retractions are decoded in full, so the state is the same either
/// way (a test checks it against ``ArchiveState/apply(_:)``).
extension ArchiveState {
  /// Folds one stored event: its seq, recording time, type byte and payload bytes (read in
  /// place; they need only live for the call).
  public mutating func apply(
    seq: UInt64, recordedAt: Timestamp, type: UInt8, payload: UnsafeRawBufferPointer
  ) throws(StoredFormError) {
    // The visitor adds texts and counts to the table in place: a copy would be copied on write.
    let result = withUnsafeMutablePointer(to: &sources) { table in
      Result { () throws(StoredFormError) -> PayloadFold? in
        var fold = PayloadFold(table: table, seq: seq)
        return try ByteReader.visitFields(type: type, payload: payload, into: &fold) ? fold : nil
      }
    }
    guard let fold = try result.get() else {
      let event = try Event(type: type, payload: payload, text: .skip)
      return apply(RecordedEvent(seq: seq, recordedAt: recordedAt, event: event))
    }
    lastSeq = seq
    lastRecordedAt = recordedAt
    guard let id = fold.id else { return }
    if fold.isReextraction {
      reextract(id, facts: fold.facts, seq: seq)
    } else {
      let row = SourceRow(
        id: id, seq: seq, factsSeq: seq, linkKey: fold.linkKey, originalLinkKey: fold.originalLinkKey,
        published: fold.published, language: fold.language, isTranslation: fold.isTranslation,
        facts: fold.facts)
      ingest(row, revises: fold.revises)
    }
  }
}

/// What a fold keeps of a `document.ingested` or `document.reextracted` payload, as its
/// fields are visited: a row's values, its texts pooled and its counts added in the table.
struct PayloadFold: StoredFieldVisitor {
  /// The state's table, for the duration of one visit.
  let table: UnsafeMutablePointer<SourceTable>
  let seq: UInt64
  var id: DocumentID?
  var isReextraction = false
  var revises: DocumentID?
  var linkKey: UInt64 = 0
  var originalLinkKey: UInt64 = 0
  var published = FactValues.noDay
  var language = PooledText.none
  var isTranslation = false
  var facts = FactRow()
  /// The list being read: its length, how many items were read, and its first item (nil
  /// when marked absent); more than two are joined from ``items``.
  private var listCount = 0
  private var listRead = 0
  private var firstItem: PooledText?
  private var items: [String] = []

  init(table: UnsafeMutablePointer<SourceTable>, seq: UInt64) {
    self.table = table
    self.seq = seq
  }

  mutating func ingested(_ id: DocumentID, revises: DocumentID?) {
    // The index's slot loads while the rest of the payload is read.
    table.pointee.anticipate(id)
    self.id = id
    self.revises = revises
  }

  mutating func reextracted(_ id: DocumentID) {
    self.id = id
    isReextraction = true
  }

  mutating func document(_ field: StoredDocumentField, _ value: StoredString) throws(StoredFormError) {
    switch field {
    case .link: linkKey = LinkKey.of(utf8: value.utf8)
    case .originalLink: originalLinkKey = LinkKey.of(utf8: value.utf8)
    case .language: language = try table.pointee.pooledText(value)
    case .source, .format, .guid, .title: break
    }
  }

  mutating func published(days: Int32) { published = days }

  mutating func isTranslation(_ value: Bool) { isTranslation = value }

  mutating func fact(_ field: StoredFactField, _ value: StoredString, _ evidence: StoredEvidence)
    throws(StoredFormError)
  {
    let text = try table.pointee.pooledText(value)
    switch field {
    case .group: facts.group = text
    case .city: facts.city = text
    case .country: facts.country = text
    case .start, .end, .chairs, .themes: break
    }
  }

  mutating func ordinal(_ value: Int, _ evidence: StoredEvidence) { facts.ordinal = value }

  mutating func fact(_ field: StoredFactField, days: Int32, _ evidence: StoredEvidence) {
    if field == .start { facts.start = days } else { facts.end = days }
  }

  mutating func virtual(_ value: Bool, _ evidence: StoredEvidence) { facts.virtual = value }

  mutating func list(_ field: StoredFactField, count: Int) {
    listCount = count
    listRead = 0
    firstItem = nil
  }

  /// A list in the views' form, pooled: one item is pooled as it is read; two are looked up
  /// as a pair of items (most lists are one of a few pairs), more are joined first.
  mutating func listItem(_ field: StoredFactField, _ value: StoredString?, _ evidence: StoredEvidence?)
    throws(StoredFormError)
  {
    listRead += 1
    switch listCount {
    case 1:
      try setList(field, value.map { v throws(StoredFormError) in try table.pointee.pooledText(v) } ?? .none)
    case 2 where listRead == 1:
      firstItem = try value.map { v throws(StoredFormError) in try table.pointee.listItem(v) }
    case 2:
      guard let first = firstItem else {
        return try setList(
          field, value.map { v throws(StoredFormError) in try table.pointee.pooledText(v) } ?? .none)
      }
      let second = try value.map { v throws(StoredFormError) in try table.pointee.listItem(v) }
      setList(field, table.pointee.pooledList(first, second))
    default:
      if listRead == 1 { items.removeAll(keepingCapacity: true) }
      if let value { items.append(try value.string()) }
    }
  }

  mutating func endList(_ field: StoredFactField) {
    if listCount > 2 { setList(field, table.pointee.pooled(FactValues.list(items))) }
  }

  private mutating func setList(_ field: StoredFactField, _ list: PooledText) {
    if field == .chairs { facts.chairs = list } else { facts.themes = list }
  }

  mutating func counts(_ count: Int) {
    facts.countsStart = table.pointee.nextCount
    facts.countsCount = UInt32(count)
  }

  mutating func count(
    value: Int?, qualifier: CountQualifier, kind: CountedKind, group: StoredString?, evidence: StoredEvidence
  ) throws(StoredFormError) {
    let group = try group.map { g throws(StoredFormError) in try table.pointee.pooledText(g) } ?? .none
    try table.pointee.addCount(
      value: value, qualifier: qualifier, counts: kind, group: group, evidence: evidence)
  }
}
