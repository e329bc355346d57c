import Domain

/// Everything the projections need, folded from the log one event at a time.
///
/// A pure fold: the same events in the same order give the same state, whether applied
/// one by one as they are appended or all at once in a rebuild. Document texts and
/// evidence quotes are not kept (but for counts'); only what the views read.
public struct ArchiveState: Hashable, Sendable {
  /// Every ingested document, with its current facts, by id, in the order ingested.
  public internal(set) var sources = SourceTable()
  /// Every correction, in log order.
  public internal(set) var corrections: [CorrectionRecord] = []
  /// The seq of the last event applied (0 for the empty log).
  public internal(set) var lastSeq: UInt64 = 0
  /// The recording time of the last event applied.
  public internal(set) var lastRecordedAt: Timestamp?

  /// The empty state, before any event.
  public init() {}

  /// The state after every event of a sequence, in order.
  public init(events: some Sequence<RecordedEvent>) {
    self.init()
    for event in events { apply(event) }
  }

  /// Makes room for `count` documents, so a fold of a known number of events does not
  /// grow its table step by step.
  public mutating func reserveCapacity(sources count: Int) {
    sources.reserveCapacity(count)
  }

  /// Folds one event into the state.
  public mutating func apply(_ recorded: RecordedEvent) {
    lastSeq = recorded.seq
    lastRecordedAt = recorded.recordedAt
    switch recorded.event {
    case .documentIngested(let e):
      let d = e.document
      ingest(
        SourceRecord(
          id: d.id, seq: recorded.seq, language: d.language, published: d.published,
          isTranslation: d.isTranslation, link: d.link, originalLink: d.originalLink,
          revises: e.revises, revisionRoot: d.id, facts: FactValues(e.facts), factsSeq: recorded.seq,
          retraction: nil))
    case .documentReextracted(let e):
      reextract(e.document, facts: FactValues(e.facts), seq: recorded.seq)
    case .factCorrected(let e):
      corrections.append(CorrectionRecord(seq: recorded.seq, recordedAt: recorded.recordedAt, correction: e))
    case .documentRetracted(let e):
      sources[e.document]?.retraction = RetractionRecord(seq: recorded.seq, reason: e.reason)
    }
  }

  /// Adds an ingested document; its revision root is its own id unless it revises one the
  /// state holds.
  mutating func ingest(_ record: consuming SourceRecord) {
    if let revises = record.revises, let root = sources[revises]?.revisionRoot { record.revisionRoot = root }
    sources.insert(record)
  }

  /// Replaces a document's facts with those of a re-extraction.
  mutating func reextract(_ document: DocumentID, facts: FactValues, seq: UInt64) {
    sources.update(document) { record in
      record.facts = facts
      record.factsSeq = seq
    }
  }
}

/// The state's documents: records in the order ingested, and an index by id.
///
/// Reads like a dictionary from id to record (`sources[id]`, `keys`, `values`, `count`);
/// the records sit in one array so a million of them cost no more than their own size.
public struct SourceTable: Hashable, Sendable {
  /// The records, in the order their documents were first ingested.
  public private(set) var values: [SourceRecord] = []
  private var index = DocumentIndex()

  /// No documents.
  public init() {}

  /// The number of documents.
  public var count: Int { values.count }

  /// Whether there is none.
  public var isEmpty: Bool { values.isEmpty }

  /// Every document id, in the order ingested.
  public var keys: some Collection<DocumentID> { values.lazy.map(\.id) }

  /// The record of a document, nil when the state holds none. Setting a record of an id
  /// the table does not hold adds it; setting nil is not supported (a fold never forgets).
  public subscript(id: DocumentID) -> SourceRecord? {
    get { index.find(id, in: values).map { values[$0] } }
    set {
      guard let newValue else { return }
      if let i = index.find(id, in: values) { values[i] = newValue } else { insert(newValue) }
    }
  }

  /// Adds a record, or replaces the one of the same id where it stands.
  mutating func insert(_ record: consuming SourceRecord) {
    if let i = index.findOrAdd(record.id, at: values.count, in: values) {
      values[i] = record
    } else {
      values.append(record)
    }
  }

  /// Changes a record in place, if the table holds it.
  mutating func update(_ id: DocumentID, _ change: (inout SourceRecord) -> Void) {
    if let i = index.find(id, in: values) { change(&values[i]) }
  }

  /// Room for `count` documents.
  mutating func reserveCapacity(_ count: Int) {
    values.reserveCapacity(count)
    index.reserveCapacity(count, in: values)
  }

  /// Two tables are equal when they hold the same records in the same order (the index
  /// follows from them).
  public static func == (a: SourceTable, b: SourceTable) -> Bool { a.values == b.values }

  /// Hashes the records.
  public func hash(into hasher: inout Hasher) { hasher.combine(values) }
}

/// An open-addressing index from document id to a position in the records, 4 bytes a
/// slot (a dictionary of ids would cost 40 bytes a slot and a SipHash a lookup).
///
/// Slots hold position + 1 (0 is empty), probed linearly from a slot picked by the id's
/// leading word, scrambled with a per-process seed so crafted ids cannot pile up on one
/// slot. Ids are compared in the records themselves.
struct DocumentIndex: Sendable {
  // Each slot: position + 1 in the low 32 bits (0 is empty), and 32 more bits of the id
  // above, so a probe rarely reads a record that is not the one sought.
  private var slots: [UInt64] = []
  private var used = 0
  private static let seed = UInt64.random(in: .min ... .max) | 1

  private func mixed(_ id: DocumentID) -> UInt64 {
    (id.leadingWord ^ DocumentIndex.seed) &* 0x9E37_79B9_7F4A_7C15
  }

  /// The position of `id` in `records`, or nil.
  func find(_ id: DocumentID, in records: [SourceRecord]) -> Int? {
    guard !slots.isEmpty else { return nil }
    return probe(id, in: records).found
  }

  /// The position of `id` in `records` if it is there; else records that it is at
  /// `position` (the next one) and returns nil. One probe for both.
  mutating func findOrAdd(_ id: DocumentID, at position: Int, in records: [SourceRecord]) -> Int? {
    if (used + 1) * 4 > slots.count * 3 { grow(to: max(16, slots.count * 2), in: records) }
    let (found, empty, tag) = probe(id, in: records)
    if let found { return found }
    slots[empty] = tag | UInt64(position + 1)
    used += 1
    return nil
  }

  /// Probes for `id` (the table has slots): its position when it is there, else the empty
  /// slot where the probe stopped; and the id's tag.
  private func probe(_ id: DocumentID, in records: [SourceRecord]) -> (found: Int?, empty: Int, tag: UInt64) {
    let mask = slots.count - 1
    let hash = mixed(id)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    var at = Int(truncatingIfNeeded: hash >> 32) & mask
    while true {
      let slot = slots[at]
      if slot == 0 { return (nil, at, tag) }
      if slot & 0xFFFF_FFFF_0000_0000 == tag {
        let position = Int(slot & 0xFFFF_FFFF) - 1
        if records[position].id == id { return (position, at, tag) }
      }
      at = (at + 1) & mask
    }
  }

  /// Room for `count` ids without growing.
  mutating func reserveCapacity(_ count: Int, in records: [SourceRecord]) {
    var size = max(16, slots.count)
    while count * 4 > size * 3 { size *= 2 }
    if size > slots.count { grow(to: size, in: records) }
  }

  private mutating func place(_ id: DocumentID, at position: Int) {
    let mask = slots.count - 1
    let hash = mixed(id)
    var at = Int(truncatingIfNeeded: hash >> 32) & mask
    while slots[at] != 0 { at = (at + 1) & mask }
    slots[at] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(position + 1)
  }

  private mutating func grow(to size: Int, in records: [SourceRecord]) {
    precondition(size < Int(UInt32.max), "too many documents for one state")
    slots = [UInt64](repeating: 0, count: size)
    for position in 0..<used { place(records[position].id, at: position) }
  }
}

/// What the projections keep of one document: its metadata and current facts' values.
///
/// Not its title, guid, source or text, which no view reads: those stay in its
/// `document.ingested` event, at ``seq``.
public struct SourceRecord: Hashable, Sendable {
  /// The document's id.
  public var id: DocumentID
  /// The seq of its `document.ingested` event.
  public var seq: UInt64
  /// Its language.
  public var language: String
  /// Its publication day.
  public var published: CalendarDate? {
    get { publishedDays == FactValues.noDay ? nil : CalendarDate(daysSinceEpoch: Int(publishedDays)) }
    set { publishedDays = FactValues.days(newValue) }
  }
  /// Whether it is a translation.
  public var isTranslation: Bool
  /// Its link.
  public var link: String?
  /// For a translation, the link to the original it states.
  public var originalLink: String?
  /// The earlier revision it replaces.
  public var revises: DocumentID?
  /// The first document of its revision chain: revisions of one release share it.
  public var revisionRoot: DocumentID
  /// The values of the current facts (from ingestion, or the latest re-extraction); their
  /// evidence is in the event at ``factsSeq``.
  public var facts: FactValues
  /// The seq of the event the current facts came from.
  public var factsSeq: UInt64
  /// Its retraction, if it was retracted.
  public var retraction: RetractionRecord?

  var publishedDays: Int32

  /// Creates a record.
  public init(
    id: DocumentID, seq: UInt64, language: String, published: CalendarDate?, isTranslation: Bool,
    link: String?, originalLink: String?, revises: DocumentID?, revisionRoot: DocumentID,
    facts: FactValues, factsSeq: UInt64, retraction: RetractionRecord?
  ) {
    self.id = id
    self.seq = seq
    self.language = language
    self.publishedDays = FactValues.days(published)
    self.isTranslation = isTranslation
    self.link = link
    self.originalLink = originalLink
    self.revises = revises
    self.revisionRoot = revisionRoot
    self.facts = facts
    self.factsSeq = factsSeq
    self.retraction = retraction
  }
}

/// A retraction as the projections keep it.
public struct RetractionRecord: Hashable, Sendable {
  /// The seq of the `document.retracted` event.
  public var seq: UInt64
  /// Why.
  public var reason: String
}

/// A correction with its place in the log.
public struct CorrectionRecord: Hashable, Sendable {
  /// The seq of the `fact.corrected` event.
  public var seq: UInt64
  /// When it was recorded.
  public var recordedAt: Timestamp
  /// The correction.
  public var correction: FactCorrected
}
