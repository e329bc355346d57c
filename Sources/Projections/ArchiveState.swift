import Domain

/// Everything the projections need, folded from the log one event at a time.
///
/// A pure fold: the same events in the same order give the same state, whether applied
/// one by one as they are appended or all at once in a rebuild. Document texts and
/// evidence quotes are not kept (but for counts'); only what the views read.
public struct ArchiveState: Hashable, Sendable {
  /// Every ingested document, with its current facts, by id, in the order ingested.
  public package(set) var sources = SourceTable()
  /// Every correction, in log order.
  public package(set) var corrections: [CorrectionRecord] = []
  /// The seq of the last event applied (0 for the empty log).
  public package(set) var lastSeq: UInt64 = 0
  /// The recording time of the last event applied.
  public package(set) var lastRecordedAt: Timestamp?

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
      // Pooled in the order a fold of the stored payload meets them: language, then facts.
      let language = sources.pooled(d.language)
      let facts = sources.factRow(e.facts)
      ingest(
        SourceRow(
          id: d.id, seq: recorded.seq, factsSeq: recorded.seq, linkKey: LinkKey.of(d.link),
          originalLinkKey: LinkKey.of(d.originalLink), published: FactValues.days(d.published),
          language: language, isTranslation: d.isTranslation, facts: facts),
        revises: e.revises)
    case .documentReextracted(let e):
      let facts = sources.factRow(e.facts)
      reextract(e.document, facts: facts, seq: recorded.seq)
    case .factCorrected(let e):
      corrections.append(CorrectionRecord(seq: recorded.seq, recordedAt: recorded.recordedAt, correction: e))
    case .documentRetracted(let e):
      sources.retract(e.document, RetractionRecord(seq: recorded.seq, reason: e.reason))
    case .subscriptionAdded, .subscriptionChanged, .subscriptionRemoved, .captureRecorded:
      // Following feeds changes no view (``Subscriptions`` folds these).
      break
    }
  }

  /// Adds an ingested document; its revision root is its own id unless it revises one the
  /// state holds.
  mutating func ingest(_ row: consuming SourceRow, revises: DocumentID?) {
    sources.ingest(row, revises: revises)
  }

  /// Replaces a document's facts with those of a re-extraction.
  mutating func reextract(_ document: DocumentID, facts: FactRow, seq: UInt64) {
    sources.reextract(document, facts: facts, seq: seq)
  }
}

/// A document as the projections see it: its metadata and current facts' values.
///
/// Built from the state's compact row when asked for. Not its title, guid, links, source
/// or text, which no view reads: those stay in its `document.ingested` event, at ``seq``.
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
    revises: DocumentID?, revisionRoot: DocumentID,
    facts: FactValues, factsSeq: UInt64, retraction: RetractionRecord?
  ) {
    self.id = id
    self.seq = seq
    self.language = language
    self.publishedDays = FactValues.days(published)
    self.isTranslation = isTranslation
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

  package init(seq: UInt64, reason: String) {
    self.seq = seq
    self.reason = reason
  }
}

/// A correction with its place in the log.
public struct CorrectionRecord: Hashable, Sendable {
  /// The seq of the `fact.corrected` event.
  public var seq: UInt64
  /// When it was recorded.
  public var recordedAt: Timestamp
  /// The correction.
  public var correction: FactCorrected

  package init(seq: UInt64, recordedAt: Timestamp, correction: FactCorrected) {
    self.seq = seq
    self.recordedAt = recordedAt
    self.correction = correction
  }
}
