import Domain

/// The one reader of the `document.ingested` and `document.reextracted` payload layouts
/// (docs/FORMAT.md): a walk over their fields in stored order, telling a visitor each one
/// where it lies, copying nothing.
///
/// ``Event/init(type:payload:)`` builds events with it (``EventDecoder``); the projections'
/// fold visits the same fields and keeps only what it needs, without building an event. A
/// layout change is made here, once, and both follow.
@usableFromInline
package protocol StoredFieldVisitor {
  /// A `document.ingested` payload's document id and the document it revises: its first fields.
  mutating func ingested(_ id: DocumentID, revises: DocumentID?) throws(StoredFormError)
  /// A `document.reextracted` payload's document: its first field, before its facts.
  mutating func reextracted(_ id: DocumentID) throws(StoredFormError)
  /// A string field of the document (optional ones only when present).
  mutating func document(_ field: StoredDocumentField, _ value: StoredString) throws(StoredFormError)
  /// The document's feed, when present.
  mutating func feed(title: StoredString?, link: StoredString?, language: StoredString?)
    throws(StoredFormError)
  /// The document's publication day (days since 1970), when present.
  mutating func published(days: Int32) throws(StoredFormError)
  /// Whether the document is a translation.
  mutating func isTranslation(_ value: Bool) throws(StoredFormError)
  /// Where the document's text lies (in version 3, with its source, feed and title): read
  /// only if the visitor asks. Version 1 stores it after the facts, later ones before.
  mutating func text(_ text: StoredDocumentText) throws(StoredFormError)
  /// The name of the extractor that stated the facts.
  mutating func extractor(_ value: StoredString) throws(StoredFormError)
  /// A stated string fact (group, city, country), when present.
  mutating func fact(_ field: StoredFactField, _ value: StoredString, _ evidence: StoredEvidence)
    throws(StoredFormError)
  /// The stated ordinal, when present.
  mutating func ordinal(_ value: Int, _ evidence: StoredEvidence) throws(StoredFormError)
  /// A stated day (start, end) as days since 1970, when present.
  mutating func fact(_ field: StoredFactField, days: Int32, _ evidence: StoredEvidence)
    throws(StoredFormError)
  /// Whether the meeting was stated to be virtual, when it was.
  mutating func virtual(_ value: Bool, _ evidence: StoredEvidence) throws(StoredFormError)
  /// A list (chairs, themes) of `count` items begins.
  mutating func list(_ field: StoredFactField, count: Int) throws(StoredFormError)
  /// An item of the list begun last; nil where the payload marks it absent.
  mutating func listItem(_ field: StoredFactField, _ value: StoredString?, _ evidence: StoredEvidence?)
    throws(StoredFormError)
  /// The list begun last has no more items.
  mutating func endList(_ field: StoredFactField) throws(StoredFormError)
  /// The stated counts begin: `count` of them.
  mutating func counts(_ count: Int) throws(StoredFormError)
  /// How the document's bytes were decoded, when that was recorded (not plain UTF-8).
  mutating func encoding(_ decision: EncodingDecision) throws(StoredFormError)
  /// A `document.ingested` payload's capture seq, when it was read from one.
  mutating func capture(_ seq: UInt64) throws(StoredFormError)
  /// One stated count; `group` is the group it names when that is not the document's.
  mutating func count(
    value: Int?, qualifier: CountQualifier, kind: CountedKind, group: StoredString?, evidence: StoredEvidence
  ) throws(StoredFormError)
}

/// A visitor implements the fields it reads; the others are stepped over.
extension StoredFieldVisitor {
  @usableFromInline package mutating func ingested(_ id: DocumentID, revises: DocumentID?) {}
  @usableFromInline package mutating func reextracted(_ id: DocumentID) {}
  @usableFromInline package mutating func document(_ field: StoredDocumentField, _ value: StoredString) {}
  @usableFromInline package mutating func feed(
    title: StoredString?, link: StoredString?, language: StoredString?
  ) {}
  @usableFromInline package mutating func published(days: Int32) {}
  @usableFromInline package mutating func isTranslation(_ value: Bool) {}
  @usableFromInline package mutating func text(_ text: StoredDocumentText) {}
  @usableFromInline package mutating func extractor(_ value: StoredString) {}
  @usableFromInline package mutating func fact(
    _ field: StoredFactField, _ value: StoredString, _ evidence: StoredEvidence
  ) {}
  @usableFromInline package mutating func ordinal(_ value: Int, _ evidence: StoredEvidence) {}
  @usableFromInline package mutating func fact(
    _ field: StoredFactField, days: Int32, _ evidence: StoredEvidence
  ) {}
  @usableFromInline package mutating func virtual(_ value: Bool, _ evidence: StoredEvidence) {}
  @usableFromInline package mutating func list(_ field: StoredFactField, count: Int) {}
  @usableFromInline package mutating func listItem(
    _ field: StoredFactField, _ value: StoredString?, _ evidence: StoredEvidence?
  ) {}
  @usableFromInline package mutating func endList(_ field: StoredFactField) {}
  @usableFromInline package mutating func counts(_ count: Int) {}
  @usableFromInline package mutating func encoding(_ decision: EncodingDecision) {}
  @usableFromInline package mutating func capture(_ seq: UInt64) {}
  @usableFromInline package mutating func count(
    value: Int?, qualifier: CountQualifier, kind: CountedKind, group: StoredString?, evidence: StoredEvidence
  ) {}
}

/// The string fields of a stored document.
@usableFromInline
package enum StoredDocumentField: Sendable {
  case source, format, guid, link, title, language, originalLink
}

/// The stated facts of a stored payload.
@usableFromInline
package enum StoredFactField: Sendable {
  case group, city, country, start, end, chairs, themes
}

/// A stored string's UTF-8 in place, not yet validated; valid while the payload is.
@usableFromInline
package struct StoredString {
  /// The bytes.
  @usableFromInline package let utf8: UnsafeRawBufferPointer
  /// The payload offset of its first byte (errors name it).
  @usableFromInline package let offset: Int

  @inlinable
  package init(utf8: UnsafeRawBufferPointer, offset: Int) {
    self.utf8 = utf8
    self.offset = offset
  }

  /// A copy as a String; invalid UTF-8 is an error, not a repair.
  package func string() throws(StoredFormError) -> String {
    guard let text = ByteReader.validatedString(utf8) else { throw .malformed("invalid UTF-8", at: offset) }
    return text
  }
}

/// Evidence as stored, stepped over: its range and quote are read only when asked (a fold
/// reads counts' alone).
@usableFromInline
package struct StoredEvidence {
  @usableFromInline let payload: UnsafeRawBufferPointer
  /// The payload offset where the evidence starts (errors name it).
  @usableFromInline package let offset: Int
  @usableFromInline let flaggedQuotes: Bool

  @inlinable
  init(payload: UnsafeRawBufferPointer, offset: Int, flaggedQuotes: Bool) {
    self.payload = payload
    self.offset = offset
    self.flaggedQuotes = flaggedQuotes
  }

  /// Its range, in Unicode scalars of the document's text, and its quote: nil where the
  /// payload leaves it out as exactly the text at the range (version 2 and later).
  package func read() throws(StoredFormError) -> (range: Range<Int>, quote: StoredString?) {
    var r = ByteReader(borrowing: payload, offset: offset)
    let rawStart = try r.varint()
    let rawLength = try r.varint()
    // Offsets point into the document's text, which may be larger than this payload.
    guard rawStart < 1 << 40, rawLength < 1 << 40 else {
      throw .malformed("evidence range too large", at: offset)
    }
    let start = Int(rawStart)
    let range = start..<start + Int(flaggedQuotes ? rawLength >> 1 : rawLength)
    return (range, !flaggedQuotes || rawLength & 1 == 1 ? try r.storedString() : nil)
  }
}

/// Where a `document.ingested` payload keeps its document's text, read only when asked.
@usableFromInline
package struct StoredDocumentText {
  @usableFromInline let payload: UnsafeRawBufferPointer
  @usableFromInline let offset: Int
  /// The payload version: 1 a plain string, 2 a ``StoredText``, 3 a ``StoredBlock``.
  @usableFromInline package let version: UInt8

  @inlinable
  init(payload: UnsafeRawBufferPointer, offset: Int, version: UInt8) {
    self.payload = payload
    self.offset = offset
    self.version = version
  }

  /// Whether the text is kept in a block with the document's source, feed and title
  /// (which a version-3 payload stores nowhere else).
  var holdsBlock: Bool { version >= 3 }

  /// The text, decompressed and checked against the document's `id`; with its block's
  /// source, feed and title when ``holdsBlock`` (else those are empty).
  func contents(id: DocumentID) throws(StoredFormError) -> StoredBlock.Contents {
    var r = ByteReader(borrowing: payload, offset: offset)
    guard holdsBlock else {
      let text = try r.documentText(.read, version: version, id: id)
      return StoredBlock.Contents(source: "", feed: nil, title: nil, text: text)
    }
    return try r.withStoredBytes(version: version) {
      (bytes: UnsafeRawBufferPointer) throws(StoredFormError) in
      try StoredBlock.contents(bytes, id: id)
    }
  }

  /// The compressed frame the text is stored as, or nil when it is stored plain.
  func frame() throws(StoredFormError) -> StoredTextFrame? {
    guard version >= 2 else { return nil }
    var r = ByteReader(borrowing: payload, offset: offset)
    let codec = StoredText.Codec(rawValue: try r.byte())
    guard codec == .zstd || (codec == .zstdDictionary && version >= 3) else { return nil }
    _ = try r.varint()
    var dictionary: UInt32?
    if codec == .zstdDictionary {
      let id = try r.varint()
      guard id <= UInt64(UInt32.max) else { throw .malformed("dictionary id out of range", at: r.offset) }
      dictionary = UInt32(id)
    }
    return StoredTextFrame(frame: Array(try r.slice(try r.count())), dictionary: dictionary)
  }
}

extension ByteReader {
  /// Visits the fields of a `document.ingested` or `document.reextracted` payload in place,
  /// checking its version and that nothing trails it.
  ///
  /// - Returns: false, having read nothing, for any other type (their payloads state no
  ///   facts; ``Event/init(type:payload:)`` decodes them).
  @inlinable
  package static func visitFields<V: StoredFieldVisitor>(
    type: UInt8, payload: UnsafeRawBufferPointer, into visitor: inout V
  ) throws(StoredFormError) -> Bool {
    guard let kind = EventType(rawValue: type), kind == .documentIngested || kind == .documentReextracted
    else { return false }
    var r = ByteReader(borrowing: payload)
    let versionByte = try r.byte()
    let flags = kind == .documentIngested ? versionByte & Event.ingestedFlags : 0
    let version = versionByte & ~flags
    guard Event.readablePayloadVersions.contains(version) else { throw .unknownVersion(versionByte) }
    try r.visitFields(of: kind, version: version, flags: flags, into: &visitor)
    guard r.isAtEnd else { throw .malformed("trailing bytes", at: r.offset) }
    return true
  }

  /// Visits a `document.ingested` or `document.reextracted` payload after its version byte;
  /// `flags` are that byte's flags: ``Event/recordsEncoding`` when an encoding decision
  /// follows the facts, ``Event/recordsCapture`` when a capture's seq follows that.
  @inlinable
  mutating func visitFields<V: StoredFieldVisitor>(
    of kind: EventType, version: UInt8, flags: UInt8 = 0, into visitor: inout V
  ) throws(StoredFormError) {
    if kind == .documentReextracted {
      try visitor.reextracted(try documentID())
      // No text, so no quote is left out.
      return try visitFacts(flaggedQuotes: false, into: &visitor)
    }
    let id = try documentID()
    let revises = try present() ? try documentID() : nil
    try visitor.ingested(id, revises: revises)
    // Version 3 keeps source, feed and title in the block with the text.
    if version < 3 { try visitor.document(.source, try storedString()) }
    try visitor.document(.format, try storedString())
    if version < 3, try present() {
      try visitor.feed(
        title: try optionalStoredString(), link: try optionalStoredString(),
        language: try optionalStoredString())
    }
    if let guid = try optionalStoredString() { try visitor.document(.guid, guid) }
    if let link = try optionalStoredString() { try visitor.document(.link, link) }
    if version < 3, let title = try optionalStoredString() { try visitor.document(.title, title) }
    if try present() { try visitor.published(days: try storedDays()) }
    try visitor.document(.language, try storedString())
    if let originalLink = try optionalStoredString() { try visitor.document(.originalLink, originalLink) }
    try visitor.isTranslation(try bool())
    if version == 1 {
      try visitFacts(flaggedQuotes: false, into: &visitor)
      try visitor.text(StoredDocumentText(payload: bytes, offset: position, version: version))
      try skipString()
    } else {
      // The text first, so that a reader has it when it meets a quote left out.
      try visitor.text(StoredDocumentText(payload: bytes, offset: position, version: version))
      try skipStoredText()
      try visitFacts(flaggedQuotes: true, into: &visitor)
    }
    if flags & Event.recordsEncoding != 0 { try visitor.encoding(try encoding()) }
    if flags & Event.recordsCapture != 0 { try visitor.capture(try varint()) }
  }

  /// Visits the facts layout. `flaggedQuotes`: the layout of a version-2 or later document,
  /// whose evidence length carries a flag saying whether its quote follows.
  @inlinable
  mutating func visitFacts<V: StoredFieldVisitor>(
    flaggedQuotes: Bool, into visitor: inout V
  ) throws(StoredFormError) {
    try visitor.extractor(try storedString())
    if try present() { try visitor.fact(.group, try storedString(), try storedEvidence(flaggedQuotes)) }
    if try present() { try visitor.ordinal(try int(), try storedEvidence(flaggedQuotes)) }
    if try present() { try visitor.fact(.start, days: try storedDays(), try storedEvidence(flaggedQuotes)) }
    if try present() { try visitor.fact(.end, days: try storedDays(), try storedEvidence(flaggedQuotes)) }
    if try present() { try visitor.fact(.city, try storedString(), try storedEvidence(flaggedQuotes)) }
    if try present() { try visitor.fact(.country, try storedString(), try storedEvidence(flaggedQuotes)) }
    if try present() { try visitor.virtual(try bool(), try storedEvidence(flaggedQuotes)) }
    try visitList(.chairs, flaggedQuotes, into: &visitor)
    let counts = try count()
    try visitor.counts(counts)
    for _ in 0..<counts {
      let value = try present() ? try int() : nil
      let at = position
      guard let qualifier = CountQualifier(storedByte: try byte()) else {
        throw .malformed("unknown count qualifier", at: at)
      }
      let kindByte = try byte()
      guard let kind = CountedKind(storedByte: kindByte & ~CountedKind.namesGroup) else {
        throw .malformed("unknown counted kind", at: at + 1)
      }
      let group = kindByte & CountedKind.namesGroup == 0 ? nil : try storedString()
      try visitor.count(
        value: value, qualifier: qualifier, kind: kind, group: group,
        evidence: try storedEvidence(flaggedQuotes))
    }
    try visitList(.themes, flaggedQuotes, into: &visitor)
  }

  /// Visits an array of optional stated strings (chairs, themes).
  @inlinable
  mutating func visitList<V: StoredFieldVisitor>(
    _ field: StoredFactField, _ flaggedQuotes: Bool, into visitor: inout V
  ) throws(StoredFormError) {
    let n = try count()
    try visitor.list(field, count: n)
    for _ in 0..<n {
      if try present() {
        try visitor.listItem(field, try storedString(), try storedEvidence(flaggedQuotes))
      } else {
        try visitor.listItem(field, nil, nil)
      }
    }
    try visitor.endList(field)
  }

  /// Steps over evidence as docs/FORMAT.md lays it out: its range, then its quote (under
  /// `flaggedQuotes`, only when the length's low bit says it follows).
  @inlinable @inline(__always)
  mutating func storedEvidence(_ flaggedQuotes: Bool) throws(StoredFormError) -> StoredEvidence {
    let at = position
    _ = try varint()
    let length = try varint()
    if !flaggedQuotes || length & 1 == 1 { try skipString() }
    return StoredEvidence(payload: bytes, offset: at, flaggedQuotes: flaggedQuotes)
  }

  /// A length-prefixed string in place.
  @inlinable @inline(__always)
  mutating func storedString() throws(StoredFormError) -> StoredString {
    let utf8 = try stringBytes()
    return StoredString(utf8: utf8, offset: position - utf8.count)
  }

  /// An optional string in place.
  @inlinable @inline(__always)
  mutating func optionalStoredString() throws(StoredFormError) -> StoredString? {
    try present() ? try storedString() : nil
  }

  /// The flag of an optional: whether a value follows. Read here rather than through
  /// ``optional(_:)``, whose closure a walk would call for every field of every event.
  @inlinable @inline(__always)
  package mutating func present() throws(StoredFormError) -> Bool {
    let at = position
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw .malformed("optional flag is neither 0 nor 1", at: at)
    }
  }

  /// A date as days since 1970, in the range every writer stays in.
  @inlinable
  package mutating func storedDays() throws(StoredFormError) -> Int32 {
    let at = position
    let days = try int()
    guard (-719_162...2_932_896).contains(days) else { throw .malformed("date out of range", at: at) }
    return Int32(days)
  }

  /// A document id: its 32 digest bytes.
  @inlinable
  package mutating func documentID() throws(StoredFormError) -> DocumentID {
    DocumentID(digestBytes: try slice(32))
  }
}
