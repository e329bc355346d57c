import Domain

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
  package static let payloadVersion: UInt8 = 2

  /// The payload versions this build reads.
  package static let readablePayloadVersions: ClosedRange<UInt8> = 1...3

  /// The bit of a `document.ingested` payload's version byte saying that the document's
  /// ``EncodingDecision`` follows its facts (docs/FORMAT.md, **encoding**). Payloads without
  /// a decision keep their bytes, and so their hashes; a build older than the bit refuses a
  /// payload with it ("unknown payload version") rather than misreading it, and a fold that
  /// lays out only versions 1–3 itself hands it to the full decoder.
  package static let recordsEncoding: UInt8 = 0x80

  /// The bit of a `document.ingested` payload's version byte saying that the seq of the
  /// `capture.recorded` event the document was read from follows (docs/FORMAT.md,
  /// **capture**), after the encoding decision if any. Like ``recordsEncoding``, payloads
  /// without it keep their bytes, and an older build refuses one with it.
  package static let recordsCapture: UInt8 = 0x40

  /// The flags a `document.ingested` payload's version byte may carry.
  package static let ingestedFlags: UInt8 = recordsEncoding | recordsCapture

  /// The payload bytes of this event (what the log stores as `data`).
  package var payload: [UInt8] { payload(version: Event.payloadVersion) }

  /// The payload bytes with a document's block compressed against `dictionary`: version 3
  /// for a `document.ingested`, whose block is then either such a frame or plain; any other
  /// event, or no dictionary, as ``payload``.
  package func payload(dictionary: TextDictionary?) -> [UInt8] {
    guard let dictionary, case .documentIngested = self else { return payload }
    return payload(version: 3) { w, document in w.storedBlock(document, dictionary: dictionary) }
  }

  /// The payload bytes in an older readable layout, so an event exported from an archive
  /// written by an earlier build can be re-encoded exactly as it was stored there. Version
  /// 3 without its dictionary stores the block plain, as a writer does when the frame would
  /// not be shorter (an export carries every frame it stores).
  package func payload(version: UInt8) -> [UInt8] {
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
    var capture: UInt64?
    if case .documentIngested(let e) = self { (encoding, capture) = (e.document.encoding, e.capture) }
    w.byte(
      version | (encoding == nil ? 0 : Event.recordsEncoding) | (capture == nil ? 0 : Event.recordsCapture))
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
      if let capture { w.varint(capture) }
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
    case .subscriptionAdded(let e):
      w.string(e.url)
      w.optionalString(e.group)
      w.optionalString(e.language)
    case .subscriptionChanged(let e):
      w.string(e.url)
      w.optionalString(e.movedTo)
      w.optionalString(e.group)
      w.optionalString(e.language)
      w.optionalString(e.reason)
    case .subscriptionRemoved(let e):
      w.string(e.url)
      w.optionalString(e.reason)
    case .captureRecorded(let e):
      w.capture(e)
    }
    return w.bytes
  }

  /// Decodes a payload of the given type.
  package init(type: UInt8, payload: [UInt8]) throws(StoredFormError) {
    // Array.withUnsafeBytes rethrows untyped errors, so the typed one travels in a Result.
    let result = payload.withUnsafeBytes { payload in
      Result { () throws(StoredFormError) in try Event(type: type, payload: payload) }
    }
    self = try result.get()
  }

  /// Decodes a payload of the given type read in place, e.g. straight from the memory map
  /// (``init(type:payload:)`` without copying the payload first).
  package init(type: UInt8, payload: UnsafeRawBufferPointer) throws(StoredFormError) {
    // The reader cannot outlive this initializer, so it may borrow `payload`; delegating
    // (rather than returning the event from a closure) builds the event in place.
    var r = ByteReader(borrowing: payload)
    try self.init(type: type, reading: &r, text: .read)
  }

  /// What to do with a document's text when decoding a `document.ingested` payload.
  package enum TextDecoding: Sendable {
    /// Read it and check it against the document's id.
    case read
    /// Skip it (the document's text is empty): for folds that never look at text, which
    /// then neither copy nor hash it. The chain hash still covers the stored bytes. Quotes
    /// a version-2 payload leaves out, being exactly the text at their range, come back empty.
    case skip
  }

  /// Decodes a payload in place, reading or skipping a document's text.
  package init(type: UInt8, payload: UnsafeRawBufferPointer, text: TextDecoding) throws(StoredFormError) {
    var r = ByteReader(borrowing: payload)
    try self.init(type: type, reading: &r, text: text)
  }

  private init(type: UInt8, reading r: inout ByteReader, text: TextDecoding) throws(StoredFormError) {
    let versionByte = try r.byte()
    let flags = type == EventType.documentIngested.rawValue ? versionByte & Event.ingestedFlags : 0
    let version = versionByte & ~flags
    guard Event.readablePayloadVersions.contains(version) else { throw .unknownVersion(versionByte) }
    guard let kind = EventType(rawValue: type) else { throw .unknownType(type) }
    switch kind {
    case .documentIngested, .documentReextracted:
      var decoder = EventDecoder(text: text)
      try r.visitFields(of: kind, version: version, flags: flags, into: &decoder)
      self = try decoder.event(at: r.offset)
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
    case .subscriptionAdded:
      self = .subscriptionAdded(
        SubscriptionAdded(
          url: try r.string(), group: try r.optionalString(), language: try r.optionalString()))
    case .subscriptionChanged:
      self = .subscriptionChanged(
        SubscriptionChanged(
          url: try r.string(), movedTo: try r.optionalString(), group: try r.optionalString(),
          language: try r.optionalString(), reason: try r.optionalString()))
    case .subscriptionRemoved:
      self = .subscriptionRemoved(SubscriptionRemoved(url: try r.string(), reason: try r.optionalString()))
    case .captureRecorded:
      self = .captureRecorded(try r.capture())
    }
    guard r.isAtEnd else { throw .malformed("trailing bytes", at: r.offset) }
  }
}

/// The full decoder of the payloads that state facts: builds their event from the fields
/// ``ByteReader/visitFields(type:payload:into:)`` visits.
struct EventDecoder: StoredFieldVisitor {
  let decoding: Event.TextDecoding
  /// The document re-extracted, or the id of the one ingested.
  private var id: DocumentID?
  /// The document of a `document.ingested`, filled in field by field, and the one it revises.
  private var document: Document?
  private var revises: DocumentID?
  private var capture: UInt64?
  /// The text quotes left out are put back from (version 2 and later, when it is read).
  private var quotes: QuoteSource?
  private var facts = Facts(extractor: "")
  /// Where a `document.ingested` payload stores its text.
  private(set) var storedText: StoredDocumentText?

  init(text decoding: Event.TextDecoding) { self.decoding = decoding }

  /// The event decoded; `offset` names the payload's end should a field be missing (which
  /// a walk that returned cannot leave).
  func event(at offset: Int) throws(StoredFormError) -> Event {
    if let document {
      return .documentIngested(
        DocumentIngested(document: document, facts: facts, revises: revises, capture: capture))
    }
    guard let id else { throw .malformed("no document", at: offset) }
    return .documentReextracted(DocumentReextracted(document: id, facts: facts))
  }

  mutating func ingested(_ id: DocumentID, revises: DocumentID?) {
    self.id = id
    self.revises = revises
    document = Document(
      id: id, source: "", format: "", feed: nil, guid: nil, link: nil, title: nil, published: nil,
      language: "", originalLink: nil, isTranslation: false, text: "")
  }

  mutating func reextracted(_ id: DocumentID) {
    self.id = id
  }

  mutating func document(_ field: StoredDocumentField, _ value: StoredString) throws(StoredFormError) {
    let text = try value.string()
    switch field {
    case .source: document?.source = text
    case .format: document?.format = text
    case .guid: document?.guid = text
    case .link: document?.link = text
    case .title: document?.title = text
    case .language: document?.language = text
    case .originalLink: document?.originalLink = text
    }
  }

  mutating func feed(title: StoredString?, link: StoredString?, language: StoredString?)
    throws(StoredFormError)
  {
    document?.feed = FeedInfo(
      title: try title?.string(), link: try link?.string(), language: try language?.string())
  }

  mutating func published(days: Int32) {
    document?.published = CalendarDate(daysSinceEpoch: Int(days))
  }

  mutating func isTranslation(_ value: Bool) { document?.isTranslation = value }

  mutating func text(_ text: StoredDocumentText) throws(StoredFormError) {
    storedText = text
    // Skipped, the text (in version 3 also source, feed and title) stays empty, and so do
    // the quotes left out.
    guard decoding == .read, let id else { return }
    let contents = try text.contents(id: id)
    document?.text = contents.text
    if text.holdsBlock {
      document?.source = contents.source
      document?.feed = contents.feed
      document?.title = contents.title
    }
    if text.version >= 2 { quotes = QuoteSource(contents.text) }
  }

  mutating func extractor(_ value: StoredString) throws(StoredFormError) {
    facts.extractor = try value.string()
  }

  mutating func fact(_ field: StoredFactField, _ value: StoredString, _ evidence: StoredEvidence)
    throws(StoredFormError)
  {
    let stated = Stated(try value.string(), evidence: try self.evidence(evidence))
    switch field {
    case .group: facts.group = stated
    case .city: facts.city = stated
    case .country: facts.country = stated
    case .start, .end, .chairs, .themes: preconditionFailure("\(field) is not a string fact")
    }
  }

  mutating func ordinal(_ value: Int, _ evidence: StoredEvidence) throws(StoredFormError) {
    facts.ordinal = Stated(value, evidence: try self.evidence(evidence))
  }

  mutating func fact(_ field: StoredFactField, days: Int32, _ evidence: StoredEvidence)
    throws(StoredFormError)
  {
    let stated = Stated(CalendarDate(daysSinceEpoch: Int(days)), evidence: try self.evidence(evidence))
    if field == .start { facts.start = stated } else { facts.end = stated }
  }

  mutating func virtual(_ value: Bool, _ evidence: StoredEvidence) throws(StoredFormError) {
    facts.virtual = Stated(value, evidence: try self.evidence(evidence))
  }

  mutating func list(_ field: StoredFactField, count: Int) {
    if field == .chairs { facts.chairs.reserveCapacity(count) } else { facts.themes.reserveCapacity(count) }
  }

  mutating func listItem(_ field: StoredFactField, _ value: StoredString?, _ evidence: StoredEvidence?)
    throws(StoredFormError)
  {
    // An item marked absent (no writer marks one) is dropped.
    guard let value, let evidence else { return }
    let item = Stated(try value.string(), evidence: try self.evidence(evidence))
    if field == .chairs { facts.chairs.append(item) } else { facts.themes.append(item) }
  }

  mutating func endList(_ field: StoredFactField) {}

  mutating func counts(_ count: Int) { facts.counts.reserveCapacity(count) }

  mutating func encoding(_ decision: EncodingDecision) { document?.encoding = decision }

  mutating func capture(_ seq: UInt64) { capture = seq }

  mutating func count(
    value: Int?, qualifier: CountQualifier, kind: CountedKind, group: StoredString?, evidence: StoredEvidence
  ) throws(StoredFormError) {
    let group = try group?.string()
    facts.counts.append(
      CountStatement(
        value: value, qualifier: qualifier, counts: kind, evidence: try self.evidence(evidence), group: group)
    )
  }

  /// Evidence with its quote; one left out is the text at its range (empty when the text
  /// was skipped).
  private mutating func evidence(_ stored: StoredEvidence) throws(StoredFormError) -> Evidence {
    let (range, quote) = try stored.read()
    if let quote { return Evidence(range: range, quote: try quote.string()) }
    guard quotes != nil else { return Evidence(range: range, quote: "") }
    guard let quote = quotes?.quote(at: range) else {
      throw .malformed("evidence range outside the text", at: stored.offset)
    }
    return Evidence(range: range, quote: quote)
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

extension ByteWriter {
  /// **capture**: the URLs, status, version, both header lists, fetch time, redirects, then
  /// the body's SHA-256 (32 bytes) and length.
  mutating func capture(_ e: CaptureRecorded) {
    string(e.requestedURL)
    string(e.finalURL)
    int(e.status)
    string(e.httpVersion)
    for headers in [e.requestHeaders, e.responseHeaders] {
      array(headers) { w, field in
        w.string(field.name)
        w.string(field.value)
      }
    }
    int(Int(e.fetchedAt.microseconds))
    array(e.redirects) { w, redirect in
      w.int(redirect.status)
      w.string(redirect.from)
      w.string(redirect.to)
    }
    raw(e.bodySHA256)
    varint(UInt64(e.bodyLength))
  }
}

extension ByteReader {
  /// A `capture.recorded` payload after its version byte (``ByteWriter/capture(_:)``).
  mutating func capture() throws(StoredFormError) -> CaptureRecorded {
    func headers(_ r: inout ByteReader) throws(StoredFormError) -> [HeaderField] {
      try r.array { (r: inout ByteReader) throws(StoredFormError) in
        HeaderField(name: try r.string(), value: try r.string())
      }
    }
    let requestedURL = try string()
    let finalURL = try string()
    let status = try int()
    let httpVersion = try string()
    let requestHeaders = try headers(&self)
    let responseHeaders = try headers(&self)
    let fetchedAt = Timestamp(microseconds: Int64(try int()))
    let redirects = try array { (r: inout ByteReader) throws(StoredFormError) in
      Redirect(status: try r.int(), from: try r.string(), to: try r.string())
    }
    let digest = try raw(32)
    let at = offset
    let length = try varint()
    guard length <= UInt64(Int.max) else { throw .malformed("body length out of range", at: at) }
    return CaptureRecorded(
      requestedURL: requestedURL, finalURL: finalURL, status: status, httpVersion: httpVersion,
      requestHeaders: requestHeaders, responseHeaders: responseHeaders, fetchedAt: fetchedAt,
      redirects: redirects, bodySHA256: digest, bodyLength: Int(length))
  }

  mutating func date() throws(StoredFormError) -> CalendarDate {
    CalendarDate(daysSinceEpoch: Int(try storedDays()))
  }

  mutating func optionalString() throws(StoredFormError) -> String? {
    try optional { (r: inout ByteReader) throws(StoredFormError) in try r.string() }
  }

  /// A document's recorded encoding decision: the encoding read, its basis, what was declared.
  @usableFromInline
  mutating func encoding() throws(StoredFormError) -> EncodingDecision {
    let encoding = try string()
    let at = offset
    guard let basis = EncodingDecision.Basis(storedByte: try byte()) else {
      throw .malformed("unknown encoding basis", at: at)
    }
    return EncodingDecision(encoding: encoding, basis: basis, declared: try optionalString())
  }

  /// A `document.ingested` payload's text in `version`'s layout (1 or 2): read and checked
  /// against the document's id, or stepped over (then empty).
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
}

extension CountQualifier {
  /// The byte that stands for this qualifier in payloads and snapshots (docs/FORMAT.md).
  package var storedByte: UInt8 {
    switch self {
    case .exact: 0
    case .over: 1
    case .about: 2
    case .under: 3
    }
  }

  /// The qualifier a stored byte stands for, or nil for a byte no writer produces.
  package init?(storedByte: UInt8) {
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
  package static let namesGroup: UInt8 = 0x80

  /// The byte that stands for this kind in payloads and snapshots (docs/FORMAT.md).
  package var storedByte: UInt8 {
    switch self {
    case .members: 0
    case .membersAndObservers: 1
    case .attendees: 2
    case .countriesAndOrganizations: 3
    }
  }

  /// The kind a stored byte stands for, or nil for a byte no writer produces.
  package init?(storedByte: UInt8) {
    switch storedByte {
    case 0: self = .members
    case 1: self = .membersAndObservers
    case 2: self = .attendees
    case 3: self = .countriesAndOrganizations
    default: return nil
    }
  }
}
