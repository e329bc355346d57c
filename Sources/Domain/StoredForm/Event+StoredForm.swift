/// The stored form of events: one payload codec per event type, each led by a version byte.
///
/// docs/FORMAT.md describes these layouts field by field. A new payload version gets a new
/// number and an upcast in ``Event/init(type:payload:)``; old payloads are never rewritten.
extension Event {
  /// The payload version this build writes without a dictionary. Version 2 stores a
  /// document's text compressed when that is shorter (``StoredText``); every other field is
  /// laid out as in version 1. Version 3, written for a `document.ingested` when the archive
  /// has a ``TextDictionary``, keeps the source, feed and title with the text in one block
  /// (``StoredBlock``) compressed against it.
  public static let payloadVersion: UInt8 = 2

  /// The payload versions this build reads.
  public static let readablePayloadVersions: ClosedRange<UInt8> = 1...3

  /// The bit of a `document.ingested` payload's version byte saying that the document's
  /// ``EncodingDecision`` follows its facts (docs/FORMAT.md, **encoding**). Payloads without
  /// a decision keep their bytes, and so their hashes; a build older than the bit refuses a
  /// payload with it ("unknown payload version") rather than misreading it, and a fold that
  /// lays out only versions 1–3 itself hands it to the full decoder.
  public static let recordsEncoding: UInt8 = 0x80

  /// The payload bytes of this event (what the log stores as `data`).
  public var payload: [UInt8] { payload(version: Event.payloadVersion) }

  /// The payload bytes with a document's block compressed against `dictionary`: version 3
  /// for a `document.ingested`, whose block is then either such a frame or plain; any other
  /// event, or no dictionary, as ``payload``.
  public func payload(dictionary: TextDictionary?) -> [UInt8] {
    guard let dictionary, case .documentIngested = self else { return payload }
    return payload(version: 3) { w, document in w.storedBlock(document, dictionary: dictionary) }
  }

  /// The payload bytes in an older readable layout, so an event exported from an archive
  /// written by an earlier build can be re-encoded exactly as it was stored there. Version
  /// 3 without its dictionary stores the block plain, as a writer does when the frame would
  /// not be shorter (an export carries every frame it stores).
  public func payload(version: UInt8) -> [UInt8] {
    precondition(Event.readablePayloadVersions.contains(version), "unknown payload version \(version)")
    return payload(version: version) { w, document in
      switch version {
      case 1: w.string(document.text)
      case 2: w.storedText(document.text)
      default: w.storedBlock(document, dictionary: nil)
      }
    }
  }

  /// The payload bytes in `version`'s layout, a document's text (in version 3, its block)
  /// written by `writeText`.
  func payload(version: UInt8, text writeText: (inout ByteWriter, Document) -> Void) -> [UInt8] {
    var w = ByteWriter()
    var encoding: EncodingDecision?
    if case .documentIngested(let e) = self { encoding = e.document.encoding }
    w.byte(version | (encoding == nil ? 0 : Event.recordsEncoding))
    switch self {
    case .documentIngested(let e):
      w.raw(e.document.id.digest)
      w.optional(e.revises) { $0.raw($1.digest) }
      if version >= 3 { w.documentHead(e.document) } else { w.document(e.document) }
      if version == 1 {
        w.facts(e.facts)
        writeText(&w, e.document)
      } else {
        // The text first, so that a reader has it when it meets a quote left out.
        writeText(&w, e.document)
        w.quotes = QuoteSource(e.document.text)
        w.facts(e.facts)
        w.quotes = nil
      }
      if let encoding { w.encoding(encoding) }
    case .documentReextracted(let e):
      w.raw(e.document.digest)
      w.facts(e.facts)
    case .factCorrected(let e):
      w.string(e.target)
      w.array(e.changes) { w, change in
        w.string(change.field)
        w.optional(change.value) { $0.string($1) }
      }
      w.string(e.reason)
      w.optional(e.author) { $0.string($1) }
      w.optional(e.effective) { $0.date($1) }
    case .documentRetracted(let e):
      w.raw(e.document.digest)
      w.string(e.reason)
      w.optional(e.author) { $0.string($1) }
    }
    return w.bytes
  }

  /// Decodes a payload of the given type.
  public init(type: UInt8, payload: [UInt8]) throws(StoredFormError) {
    // Array.withUnsafeBytes rethrows untyped errors, so the typed one travels in a Result.
    let result = payload.withUnsafeBytes { payload in
      Result { () throws(StoredFormError) in try Event(type: type, payload: payload) }
    }
    self = try result.get()
  }

  /// Decodes a payload of the given type read in place, e.g. straight from the memory map
  /// (``init(type:payload:)`` without copying the payload first).
  public init(type: UInt8, payload: UnsafeRawBufferPointer) throws(StoredFormError) {
    // The reader cannot outlive this initializer, so it may borrow `payload`; delegating
    // (rather than returning the event from a closure) builds the event in place.
    var r = ByteReader(borrowing: payload)
    try self.init(type: type, reading: &r, text: .read)
  }

  /// What to do with a document's text when decoding a `document.ingested` payload.
  public enum TextDecoding: Sendable {
    /// Read it and check it against the document's id.
    case read
    /// Skip it (the document's text is empty): for folds that never look at text, which
    /// then neither copy nor hash it. The chain hash still covers the stored bytes. Quotes
    /// a version-2 payload leaves out, being exactly the text at their range, come back empty.
    case skip
  }

  /// Decodes a payload in place, reading or skipping a document's text.
  public init(type: UInt8, payload: UnsafeRawBufferPointer, text: TextDecoding) throws(StoredFormError) {
    var r = ByteReader(borrowing: payload)
    try self.init(type: type, reading: &r, text: text)
  }

  private init(type: UInt8, reading r: inout ByteReader, text: TextDecoding) throws(StoredFormError) {
    let versionByte = try r.byte()
    let recordsEncoding =
      type == EventType.documentIngested.rawValue && versionByte & Event.recordsEncoding != 0
    let version = recordsEncoding ? versionByte & ~Event.recordsEncoding : versionByte
    guard Event.readablePayloadVersions.contains(version) else { throw .unknownVersion(versionByte) }
    guard let kind = EventType(rawValue: type) else { throw .unknownType(type) }
    switch kind {
    case .documentIngested:
      let digest = try r.documentID()
      let revises = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.documentID() }
      var document = version >= 3 ? try r.documentV3(id: digest, text) : try r.document(id: digest)
      let facts: Facts
      if version == 1 {
        facts = try r.facts()
        document.text = try r.documentText(text, version: 1, id: digest)
      } else {
        // Version 3 read the text with its block.
        if version == 2 { document.text = try r.documentText(text, version: 2, id: digest) }
        r.elidedQuotes = (true, text == .read ? QuoteSource(document.text) : nil)
        facts = try r.facts()
        r.elidedQuotes = (false, nil)
      }
      if recordsEncoding { document.encoding = try r.encoding() }
      self = .documentIngested(DocumentIngested(document: document, facts: facts, revises: revises))
    case .documentReextracted:
      let digest = try r.documentID()
      self = .documentReextracted(DocumentReextracted(document: digest, facts: try r.facts()))
    case .factCorrected:
      let target = try r.string()
      let changes = try r.array { (r: inout ByteReader) throws(StoredFormError) in
        FieldChange(
          field: try r.string(),
          value: try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.string() })
      }
      let reason = try r.string()
      let author = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
      let effective = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.date() }
      self = .factCorrected(
        FactCorrected(
          target: target, changes: changes, reason: reason, author: author, effective: effective))
    case .documentRetracted:
      let digest = try r.documentID()
      let reason = try r.string()
      let author = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
      self = .documentRetracted(DocumentRetracted(document: digest, reason: reason, author: author))
    }
    guard r.isAtEnd else { throw .malformed("trailing bytes", at: r.offset) }
  }
}

extension ByteWriter {
  mutating func date(_ value: CalendarDate) { int(value.daysSinceEpoch) }

  mutating func optionalString(_ value: String?) { optional(value) { $0.string($1) } }

  /// **encoding**: string encoding, byte basis, optional string declared.
  mutating func encoding(_ value: EncodingDecision) {
    string(value.encoding)
    byte(value.basis.storedByte)
    optionalString(value.declared)
  }

  /// Evidence: its range, then its quote. Under ``quotes`` the length carries a flag in its
  /// low bit, and the quote follows only when set: clear means the quote is exactly the text
  /// at the range. Counts keep theirs (`elidable` false), since folds show them.
  mutating func evidence(_ value: Evidence, elidable: Bool = true) {
    varint(UInt64(value.range.lowerBound))
    guard quotes != nil else {
      varint(UInt64(value.range.count))
      return string(value.quote)
    }
    let explicit = !(elidable && quotes?.matches(value.quote, at: value.range) == true)
    varint(UInt64(value.range.count) << 1 | (explicit ? 1 : 0))
    if explicit { string(value.quote) }
  }

  mutating func stated<V>(_ value: Stated<V>?, _ write: (inout ByteWriter, V) -> Void) {
    optional(value) { w, stated in
      write(&w, stated.value)
      w.evidence(stated.evidence)
    }
  }

  mutating func document(_ d: Document) {
    string(d.source)
    string(d.format)
    optional(d.feed) { w, feed in
      w.optionalString(feed.title)
      w.optionalString(feed.link)
      w.optionalString(feed.language)
    }
    optionalString(d.guid)
    optionalString(d.link)
    optionalString(d.title)
    optional(d.published) { $0.date($1) }
    string(d.language)
    optionalString(d.originalLink)
    bool(d.isTranslation)
  }

  mutating func facts(_ f: Facts) {
    string(f.extractor)
    stated(f.group) { $0.string($1) }
    stated(f.ordinal) { $0.int($1) }
    stated(f.start) { $0.date($1) }
    stated(f.end) { $0.date($1) }
    stated(f.city) { $0.string($1) }
    stated(f.country) { $0.string($1) }
    stated(f.virtual) { $0.bool($1) }
    array(f.chairs) { w, chair in w.stated(chair) { $0.string($1) } }
    array(f.counts) { w, count in
      w.optional(count.value) { $0.int($1) }
      w.byte(count.qualifier.storedByte)
      w.byte(count.counts.storedByte | (count.group == nil ? 0 : CountedKind.namesGroup))
      if let group = count.group { w.string(group) }
      w.evidence(count.evidence, elidable: false)
    }
    array(f.themes) { w, theme in w.stated(theme) { $0.string($1) } }
  }
}

extension ByteReader {
  mutating func documentID() throws(StoredFormError) -> DocumentID {
    let start = offset
    guard let id = DocumentID(digest: try raw(32)) else { throw .truncated(at: start) }
    return id
  }

  mutating func date() throws(StoredFormError) -> CalendarDate {
    let start = offset
    let days = try int()
    guard (-719_162...2_932_896).contains(days) else { throw .malformed("date out of range", at: start) }
    return CalendarDate(daysSinceEpoch: days)
  }

  mutating func optionalString() throws(StoredFormError) -> String? {
    try optional { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
  }

  mutating func encoding() throws(StoredFormError) -> EncodingDecision {
    let encoding = try string()
    let at = offset
    guard let basis = EncodingDecision.Basis(storedByte: try byte()) else {
      throw .malformed("unknown encoding basis", at: at)
    }
    return EncodingDecision(encoding: encoding, basis: basis, declared: try optionalString())
  }

  mutating func evidence() throws(StoredFormError) -> Evidence {
    // Moved out and back, so the text's scalar offsets, found once, stay with the reader.
    var source = elidedQuotes.source.take()
    defer { elidedQuotes.source = source }
    return try evidence(flaggedQuotes: elidedQuotes.allowed, quotes: &source)
  }

  /// Evidence as docs/FORMAT.md lays it out; `flaggedQuotes` for a version-2 document's
  /// facts, where a quote left out (exactly the text at its range) comes back empty.
  public mutating func evidence(flaggedQuotes: Bool) throws(StoredFormError) -> Evidence {
    var noText: QuoteSource? = nil
    return try evidence(flaggedQuotes: flaggedQuotes, quotes: &noText)
  }

  private mutating func evidence(
    flaggedQuotes: Bool, quotes: inout QuoteSource?
  ) throws(StoredFormError) -> Evidence {
    let at = offset
    let rawStart = try varint()
    let rawLength = try varint()
    // Offsets point into the document's text, which may be larger than this payload.
    guard rawStart < 1 << 40, rawLength < 1 << 40 else {
      throw .malformed("evidence range too large", at: at)
    }
    let start = Int(rawStart)
    guard flaggedQuotes else {
      return Evidence(range: start..<start + Int(rawLength), quote: try string())
    }
    let range = start..<start + Int(rawLength >> 1)
    if rawLength & 1 == 1 { return Evidence(range: range, quote: try string()) }
    guard quotes != nil else { return Evidence(range: range, quote: "") }
    guard let quote = quotes?.quote(at: range) else {
      throw .malformed("evidence range outside the text", at: at)
    }
    return Evidence(range: range, quote: quote)
  }

  /// A `document.ingested` payload's text in `version`'s layout: read and checked against
  /// the document's id, or stepped over (then empty).
  mutating func documentText(
    _ decoding: Event.TextDecoding, version: UInt8, id: DocumentID
  ) throws(StoredFormError) -> String {
    switch decoding {
    case .read:
      let start = offset
      let text = try version == 1 ? string() : storedText(version: version)
      guard DocumentID(text: text) == id else {
        throw .malformed("document text does not match its id", at: start)
      }
      return text
    case .skip:
      try version == 1 ? skipString() : skipStoredText()
      return ""
    }
  }

  mutating func stated<V>(
    _ read: (inout ByteReader) throws(StoredFormError) -> V
  ) throws(StoredFormError) -> Stated<V>? {
    try optional { (r: inout ByteReader) throws(StoredFormError) in
      let value = try read(&r)
      return Stated(value, evidence: try r.evidence())
    }
  }

  mutating func document(id: DocumentID) throws(StoredFormError) -> Document {
    let source = try string()
    let format = try string()
    let feed = try optional { (r: inout ByteReader) throws(StoredFormError) in
      FeedInfo(title: try r.optionalString(), link: try r.optionalString(), language: try r.optionalString())
    }
    let guid = try optionalString()
    let link = try optionalString()
    let title = try optionalString()
    let published = try optional { (r: inout ByteReader) throws(StoredFormError) in try r.date() }
    let language = try string()
    let originalLink = try optionalString()
    let isTranslation = try bool()
    return Document(
      id: id, source: source, format: format, feed: feed, guid: guid, link: link, title: title,
      published: published, language: language, originalLink: originalLink,
      isTranslation: isTranslation, text: "")
  }

  mutating func facts() throws(StoredFormError) -> Facts {
    let extractor = try string()
    let group = try stated { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
    let ordinal = try stated { (r: inout ByteReader) throws(StoredFormError) in try r.int() }
    let start = try stated { (r: inout ByteReader) throws(StoredFormError) in try r.date() }
    let end = try stated { (r: inout ByteReader) throws(StoredFormError) in try r.date() }
    let city = try stated { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
    let country = try stated { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
    let virtual = try stated { (r: inout ByteReader) throws(StoredFormError) in try r.bool() }
    let chairs = try array { (r: inout ByteReader) throws(StoredFormError) in
      try r.stated { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
    }
    let counts = try array { (r: inout ByteReader) throws(StoredFormError) -> CountStatement in
      let value = try r.optional { (r: inout ByteReader) throws(StoredFormError) in try r.int() }
      let qualifierAt = r.offset
      guard let qualifier = CountQualifier(storedByte: try r.byte()) else {
        throw .malformed("unknown count qualifier", at: qualifierAt)
      }
      let kindByte = try r.byte()
      guard let kind = CountedKind(storedByte: kindByte & ~CountedKind.namesGroup) else {
        throw .malformed("unknown counted kind", at: qualifierAt + 1)
      }
      let group = kindByte & CountedKind.namesGroup == 0 ? nil : try r.string()
      return CountStatement(
        value: value, qualifier: qualifier, counts: kind, evidence: try r.evidence(), group: group)
    }
    let themes = try array { (r: inout ByteReader) throws(StoredFormError) in
      try r.stated { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
    }
    // A present optional always decodes to a value; compactMap only unwraps the type.
    return Facts(
      extractor: extractor, group: group, ordinal: ordinal, start: start, end: end, city: city,
      country: country, virtual: virtual, chairs: chairs.compactMap { $0 }, counts: counts,
      themes: themes.compactMap { $0 })
  }
}

extension CountQualifier {
  /// The byte that stands for this qualifier in payloads and snapshots (docs/FORMAT.md).
  public var storedByte: UInt8 {
    switch self {
    case .exact: 0
    case .over: 1
    case .about: 2
    case .under: 3
    }
  }

  /// The qualifier a stored byte stands for, or nil for a byte no writer produces.
  public init?(storedByte: UInt8) {
    switch storedByte {
    case 0: self = .exact
    case 1: self = .over
    case 2: self = .about
    case 3: self = .under
    default: return nil
    }
  }
}

extension CountedKind {
  /// The bit of a payload's kind byte saying the count names its group: a string, the
  /// group's slug, follows the byte (docs/FORMAT.md, **count**).
  public static let namesGroup: UInt8 = 0x80

  /// The byte that stands for this kind in payloads and snapshots (docs/FORMAT.md).
  public var storedByte: UInt8 {
    switch self {
    case .members: 0
    case .membersAndObservers: 1
    case .attendees: 2
    case .countriesAndOrganizations: 3
    }
  }

  /// The kind a stored byte stands for, or nil for a byte no writer produces.
  public init?(storedByte: UInt8) {
    switch storedByte {
    case 0: self = .members
    case 1: self = .membersAndObservers
    case 2: self = .attendees
    case 3: self = .countriesAndOrganizations
    default: return nil
    }
  }
}
