import Domain
import StoredForm

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
  package mutating func apply(
    seq: UInt64, recordedAt: Timestamp, type: UInt8, payload: UnsafeRawBufferPointer
  ) throws(StoredFormError) {
    // The table is the visitor: it pools texts and adds counts in place as they are met.
    sources.folding = PayloadFold()
    guard try ByteReader.visitFields(type: type, payload: payload, into: &sources) else {
      let event = try Event(type: type, payload: payload, text: .skip)
      return apply(RecordedEvent(seq: seq, recordedAt: recordedAt, event: event))
    }
    let fold = sources.folding
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
/// fields are visited: a row's values (its texts pooled and its counts added in the table).
struct PayloadFold {
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
  var listCount = 0
  var listRead = 0
  var firstItem: PooledText?
  var items: [String] = []
}

/// A table reads a payload's fields into ``folding``, pooling its texts and adding its
/// counts in place (a visitor holding the table would copy it, or point at it).
extension SourceTable: StoredFieldVisitor {
  @usableFromInline package mutating func ingested(_ id: DocumentID, revises: DocumentID?) {
    // The index's slot loads while the rest of the payload is read.
    anticipate(id)
    folding.id = id
    folding.revises = revises
  }

  @usableFromInline package mutating func reextracted(_ id: DocumentID) {
    folding.id = id
    folding.isReextraction = true
  }

  @usableFromInline package mutating func document(_ field: StoredDocumentField, _ value: StoredString)
    throws(StoredFormError)
  {
    switch field {
    case .link: folding.linkKey = LinkKey.of(utf8: value.utf8)
    case .originalLink: folding.originalLinkKey = LinkKey.of(utf8: value.utf8)
    case .language: folding.language = try pooledText(value)
    case .source, .format, .guid, .title: break
    }
  }

  @usableFromInline package mutating func published(days: Int32) { folding.published = days }

  @usableFromInline package mutating func isTranslation(_ value: Bool) { folding.isTranslation = value }

  @usableFromInline package mutating func fact(
    _ field: StoredFactField, _ value: StoredString, _ evidence: StoredEvidence
  )
    throws(StoredFormError)
  {
    let text = try pooledText(value)
    switch field {
    case .group: folding.facts.group = text
    case .city: folding.facts.city = text
    case .country: folding.facts.country = text
    case .start, .end, .chairs, .themes: break
    }
  }

  @usableFromInline package mutating func ordinal(_ value: Int, _ evidence: StoredEvidence) {
    folding.facts.ordinal = value
  }

  @usableFromInline package mutating func fact(
    _ field: StoredFactField, days: Int32, _ evidence: StoredEvidence
  ) {
    if field == .start { folding.facts.start = days } else { folding.facts.end = days }
  }

  @usableFromInline package mutating func virtual(_ value: Bool, _ evidence: StoredEvidence) {
    folding.facts.virtual = value
  }

  @usableFromInline package mutating func list(_ field: StoredFactField, count: Int) {
    folding.listCount = count
    folding.listRead = 0
    folding.firstItem = nil
  }

  /// A list in the views' form, pooled: one item is pooled as it is read; two are looked up
  /// as a pair of items (most lists are one of a few pairs), more are joined first.
  @usableFromInline package mutating func listItem(
    _ field: StoredFactField, _ value: StoredString?, _ evidence: StoredEvidence?
  )
    throws(StoredFormError)
  {
    folding.listRead += 1
    switch folding.listCount {
    case 1:
      try setList(field, value.map { v throws(StoredFormError) in try pooledText(v) } ?? .none)
    case 2 where folding.listRead == 1:
      folding.firstItem = try value.map { v throws(StoredFormError) in try listItem(v) }
    case 2:
      guard let first = folding.firstItem else {
        return try setList(
          field, value.map { v throws(StoredFormError) in try pooledText(v) } ?? .none)
      }
      let second = try value.map { v throws(StoredFormError) in try listItem(v) }
      setList(field, pooledList(first, second))
    default:
      if folding.listRead == 1 { folding.items.removeAll(keepingCapacity: true) }
      if let value { folding.items.append(try value.string()) }
    }
  }

  @usableFromInline package mutating func endList(_ field: StoredFactField) {
    if folding.listCount > 2 { setList(field, pooled(FactValues.list(folding.items))) }
  }

  private mutating func setList(_ field: StoredFactField, _ list: PooledText) {
    if field == .chairs { folding.facts.chairs = list } else { folding.facts.themes = list }
  }

  @usableFromInline package mutating func counts(_ count: Int) {
    folding.facts.countsStart = nextCount
    folding.facts.countsCount = UInt32(count)
  }

  @usableFromInline package mutating func count(
    value: Int?, qualifier: CountQualifier, kind: CountedKind, group: StoredString?, evidence: StoredEvidence
  ) throws(StoredFormError) {
    let group = try group.map { g throws(StoredFormError) in try pooledText(g) } ?? .none
    try addCount(
      value: value, qualifier: qualifier, counts: kind, group: group, evidence: evidence)
  }
}
