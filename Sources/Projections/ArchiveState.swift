import Domain

/// Everything the projections need, folded from the log one event at a time.
///
/// A pure fold: the same events in the same order give the same state, whether applied
/// one by one as they are appended or all at once in a rebuild. Document texts are not
/// kept; only what the views read.
public struct ArchiveState: Hashable, Sendable {
  /// Every ingested document, with its current facts, by id.
  public internal(set) var sources: [DocumentID: SourceRecord] = [:]
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

  /// Folds one event into the state.
  public mutating func apply(_ recorded: RecordedEvent) {
    lastSeq = recorded.seq
    lastRecordedAt = recorded.recordedAt
    switch recorded.event {
    case .documentIngested(let e):
      let root = e.revises.flatMap { sources[$0]?.revisionRoot } ?? e.document.id
      sources[e.document.id] = SourceRecord(
        id: e.document.id, seq: recorded.seq, language: e.document.language,
        published: e.document.published, isTranslation: e.document.isTranslation,
        title: e.document.title, guid: e.document.guid, link: e.document.link,
        originalLink: e.document.originalLink, revises: e.revises, revisionRoot: root, facts: e.facts,
        factsSeq: recorded.seq,
        retraction: nil)
    case .documentReextracted(let e):
      sources[e.document]?.facts = e.facts
      sources[e.document]?.factsSeq = recorded.seq
    case .factCorrected(let e):
      corrections.append(CorrectionRecord(seq: recorded.seq, recordedAt: recorded.recordedAt, correction: e))
    case .documentRetracted(let e):
      sources[e.document]?.retraction = RetractionRecord(seq: recorded.seq, reason: e.reason)
    }
  }
}

/// What the projections keep of one document: its metadata and current facts.
public struct SourceRecord: Hashable, Sendable {
  /// The document's id.
  public var id: DocumentID
  /// The seq of its `document.ingested` event.
  public var seq: UInt64
  /// Its language.
  public var language: String
  /// Its publication day.
  public var published: CalendarDate?
  /// Whether it is a translation.
  public var isTranslation: Bool
  /// Its headline.
  public var title: String?
  /// Its guid.
  public var guid: String?
  /// Its link.
  public var link: String?
  /// For a translation, the link to the original it states.
  public var originalLink: String?
  /// The earlier revision it replaces.
  public var revises: DocumentID?
  /// The first document of its revision chain: revisions of one release share it.
  public var revisionRoot: DocumentID
  /// The current facts (from ingestion, or the latest re-extraction).
  public var facts: Facts
  /// The seq of the event the current facts came from.
  public var factsSeq: UInt64
  /// Its retraction, if it was retracted.
  public var retraction: RetractionRecord?
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
