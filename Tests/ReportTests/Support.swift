import Domain
import Projections
import Report

/// A small log for report tests: documents stating meetings, each fact quoted.
struct ReportLog {
  private(set) var events: [RecordedEvent] = []

  var state: ArchiveState { ArchiveState(events: events) }

  func view(asOf: String? = nil) -> ArchiveView {
    ArchiveView(
      state: state, asOf: asOf.flatMap { CalendarDate(iso: $0) }, themeKinds: ["antiquities": "method"])
  }

  func report(asOf: String? = nil) -> Report {
    Report(state: state, view: view(asOf: asOf)) { record in
      let facts: Facts? =
        switch events[Int(record.factsSeq) - 1].event {
        case .documentIngested(let e): e.facts
        case .documentReextracted(let e): e.facts
        default: nil
        }
      guard case .documentIngested(let e) = events[Int(record.seq) - 1].event else {
        return DocumentDetails(title: nil, facts: facts)
      }
      return DocumentDetails(title: e.document.title, link: e.document.link, facts: facts)
    }
  }

  @discardableResult
  mutating func append(_ event: Event) -> UInt64 {
    let seq = UInt64(events.count + 1)
    events.append(
      RecordedEvent(
        seq: seq, recordedAt: Timestamp(microseconds: 1_700_000_000_000_000 + Int64(seq)), event: event))
    return seq
  }

  /// Ingests a document; each fact's quote is `QUOTE(field)` unless given in `quotes`.
  @discardableResult
  mutating func ingest(
    _ text: String, language: String = "en", translation: Bool = false, published: String,
    ordinal: Int? = nil, start: String? = nil, city: String? = nil, virtual: Bool? = nil,
    chairs: [String] = [], themes: [String] = [], counts: [(Int, CountQualifier, CountedKind)] = [],
    link: String? = nil, title: String? = nil, quotes: [String: String] = [:]
  ) -> DocumentID {
    func said<V>(_ field: String, _ value: V) -> Stated<V> {
      Stated(value, evidence: Evidence(range: 0..<5, quote: quotes[field] ?? "QUOTE(\(field))"))
    }
    let document = Document(
      source: "test", format: "text-dump", link: link, title: title, published: CalendarDate(iso: published),
      language: language, isTranslation: translation, text: text)
    let facts = Facts(
      extractor: "test", group: said("group", "cifg"), ordinal: ordinal.map { said("ordinal", $0) },
      start: start.flatMap { CalendarDate(iso: $0) }.map { said("start", $0) },
      city: city.map { said("city", $0) }, virtual: virtual.map { said("virtual", $0) },
      chairs: chairs.map { said("chairs", $0) },
      counts: counts.map {
        CountStatement(
          value: $0.0, qualifier: $0.1, counts: $0.2,
          evidence: Evidence(range: 5..<9, quote: quotes["count"] ?? "QUOTE(count)"))
      },
      themes: themes.map { said("themes", $0) })
    append(.documentIngested(DocumentIngested(document: document, facts: facts)))
    return document.id
  }

  mutating func correct(_ target: String, _ field: String, _ value: String?, reason: String = "per the host")
  {
    append(
      .factCorrected(
        FactCorrected(target: target, changes: [FieldChange(field: field, value: value)], reason: reason)))
  }

  mutating func retract(_ document: DocumentID, reason: String = "withdrawn") {
    append(.documentRetracted(DocumentRetracted(document: document, reason: reason)))
  }
}
