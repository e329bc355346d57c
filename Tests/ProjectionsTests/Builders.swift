import Domain
import Projections

/// Small builders so each test states only the facts it is about.
struct LogBuilder {
  private(set) var events: [RecordedEvent] = []
  private var clock: Int64 = 1_700_000_000_000_000

  /// The state after every event so far.
  var state: ArchiveState { ArchiveState(events: events) }

  /// The view at the head, or as of a date.
  func view(asOf: String? = nil) -> ArchiveView {
    ArchiveView(state: state, asOf: asOf.flatMap { CalendarDate(iso: $0) })
  }

  @discardableResult
  mutating func append(_ event: Event) -> UInt64 {
    clock += 1_000
    let seq = UInt64(events.count + 1)
    events.append(RecordedEvent(seq: seq, recordedAt: Timestamp(microseconds: clock), event: event))
    return seq
  }

  /// Ingests a document stating a meeting; returns its id.
  @discardableResult
  mutating func ingest(
    _ text: String, language: String = "en", translation: Bool = false, published: String,
    group: String? = "cifg", ordinal: Int? = nil, start: String? = nil, end: String? = nil,
    city: String? = nil, country: String? = nil, chairs: [String] = [], themes: [String] = [],
    counts: [(Int, CountedKind)] = [], countsOf countGroup: String? = nil, guid: String? = nil,
    link: String? = nil, originalLink: String? = nil,
    revises: DocumentID? = nil
  ) -> DocumentID {
    let document = Document(
      source: "test", format: "text-dump", guid: guid, link: link, published: CalendarDate(iso: published),
      language: language, originalLink: originalLink, isTranslation: translation, text: text)
    let facts = Facts(
      extractor: "test", group: group.map(stated), ordinal: ordinal.map(stated),
      start: start.flatMap { CalendarDate(iso: $0) }.map(stated),
      end: end.flatMap { CalendarDate(iso: $0) }.map(stated), city: city.map(stated),
      country: country.map(stated), chairs: chairs.map(stated),
      counts: counts.map {
        CountStatement(
          value: $0.0, qualifier: .exact, counts: $0.1, evidence: Evidence(range: 0..<2, quote: "\($0.0)"),
          group: countGroup)
      },
      themes: themes.map(stated))
    append(.documentIngested(DocumentIngested(document: document, facts: facts, revises: revises)))
    return document.id
  }

  mutating func correct(
    _ target: String, _ changes: [(String, String?)], effective: String? = nil
  ) {
    append(
      .factCorrected(
        FactCorrected(
          target: target, changes: changes.map { FieldChange(field: $0.0, value: $0.1) }, reason: "test",
          effective: effective.flatMap { CalendarDate(iso: $0) })))
  }

  mutating func retract(_ document: DocumentID) {
    append(.documentRetracted(DocumentRetracted(document: document, reason: "test")))
  }
}

func stated<V>(_ value: V) -> Stated<V> { Stated(value, evidence: Evidence(range: 0..<1, quote: "x")) }
