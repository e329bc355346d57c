@testable import Domain
import PropertyBased
@testable import StoredForm
import Testing
import TestSupport

/// The field walk over stored payloads (``StoredFieldVisitor``), against what was stored.
@Suite struct StoredFieldsTests {
  @Test func theVisitReportsEveryFieldTheFullDecoderDecodesInEveryPayloadVersion() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...3)) { seed, version in
      var random = RandomEvents(seed: UInt64(seed))
      let event = random.event()
      let payload = event.payload(version: UInt8(version))
      var recorder = FieldRecorder()
      let visited = payload.withUnsafeBytes { bytes in
        Result { () throws(StoredFormError) in
          try ByteReader.visitFields(type: event.type.rawValue, payload: bytes, into: &recorder)
        }
      }
      let decoded = try? Event(type: event.type.rawValue, payload: payload)
      switch event {
      case .documentIngested, .documentReextracted:
        #expect((try? visited.get()) == true)
        #expect(decoded == event)
        #expect(recorder.fields.sorted() == FieldRecorder.fields(of: event).sorted())
      default:
        #expect((try? visited.get()) == false)
        #expect(recorder.fields.isEmpty)
      }
    }
  }
}

/// Every field a visit reports, as `name=value` lines; quotes a payload leaves out are
/// put back from the text, read when the visit meets it.
struct FieldRecorder: StoredFieldVisitor {
  var fields: [String] = []
  private var id: DocumentID?
  private var quotes: QuoteSource?
  private var list: [String] = []
  private var countsLine = 0

  /// The lines a visit of `event`'s payload reports.
  static func fields(of event: Event) -> [String] {
    func stated<V>(_ name: String, _ s: Stated<V>?) -> [String] {
      s.map { ["\(name)=\($0.value) \(evidence($0.evidence))"] } ?? []
    }
    func evidence(_ e: Evidence) -> String { "\(e.range) \(e.quote)" }
    func facts(_ f: Facts) -> [String] {
      ["extractor=\(f.extractor)"] + stated("group", f.group) + stated("ordinal", f.ordinal)
        + stated("start", f.start.map { Stated($0.value.daysSinceEpoch, evidence: $0.evidence) })
        + stated("end", f.end.map { Stated($0.value.daysSinceEpoch, evidence: $0.evidence) })
        + stated("city", f.city) + stated("country", f.country) + stated("virtual", f.virtual)
        + ["chairs=\(f.chairs.map { "\($0.value) \(evidence($0.evidence))" })"]
        + [
          "counts=\(f.counts.map { "\(String(describing: $0.value)) \($0.qualifier) \($0.counts) \(String(describing: $0.group)) \(evidence($0.evidence))" })"
        ]
        + ["themes=\(f.themes.map { "\($0.value) \(evidence($0.evidence))" })"]
    }
    switch event {
    case .documentIngested(let e):
      let d = e.document
      var lines = [
        "id=\(d.id)", "revises=\(String(describing: e.revises))", "source=\(d.source)", "format=\(d.format)",
      ]
      lines +=
        d.feed.map {
          [
            "feed=\(String(describing: $0.title)) \(String(describing: $0.link)) \(String(describing: $0.language))"
          ]
        } ?? []
      lines += d.guid.map { ["guid=\($0)"] } ?? []
      lines += d.link.map { ["link=\($0)"] } ?? []
      lines += d.title.map { ["title=\($0)"] } ?? []
      lines += d.published.map { ["published=\($0.daysSinceEpoch)"] } ?? []
      lines += ["language=\(d.language)"] + (d.originalLink.map { ["originalLink=\($0)"] } ?? [])
      lines += ["isTranslation=\(d.isTranslation)", "text=\(d.text)"]
      return lines + facts(e.facts)
    case .documentReextracted(let e):
      return ["reextracted=\(e.document)"] + facts(e.facts)
    default:
      return []
    }
  }

  private func string(_ s: StoredString?) -> String {
    String(describing: s.map(plain))
  }

  private func plain(_ s: StoredString) -> String { String(decoding: s.utf8, as: UTF8.self) }

  private mutating func evidence(_ e: StoredEvidence) -> String {
    guard let (range, quote) = try? e.read() else { return "<unreadable>" }
    guard let quote else { return "\(range) \(quotes?.quote(at: range) ?? "<no text>")" }
    return "\(range) \(plain(quote))"
  }

  mutating func ingested(_ id: DocumentID, revises: DocumentID?) {
    self.id = id
    fields += ["id=\(id)", "revises=\(String(describing: revises))"]
  }

  mutating func reextracted(_ id: DocumentID) { fields.append("reextracted=\(id)") }

  mutating func document(_ field: StoredDocumentField, _ value: StoredString) {
    fields.append("\(field)=\(plain(value))")
  }

  mutating func feed(title: StoredString?, link: StoredString?, language: StoredString?) {
    fields.append("feed=\(string(title)) \(string(link)) \(string(language))")
  }

  mutating func published(days: Int32) { fields.append("published=\(days)") }

  mutating func isTranslation(_ value: Bool) { fields.append("isTranslation=\(value)") }

  mutating func text(_ text: StoredDocumentText) throws(StoredFormError) {
    guard let id else { return }
    let contents = try text.contents(id: id)
    fields.append("text=\(contents.text)")
    if text.holdsBlock {
      fields.append("source=\(contents.source)")
      if let feed = contents.feed {
        fields.append(
          "feed=\(String(describing: feed.title)) \(String(describing: feed.link)) \(String(describing: feed.language))"
        )
      }
      if let title = contents.title { fields.append("title=\(title)") }
    }
    if text.version >= 2 { quotes = QuoteSource(contents.text) }
  }

  mutating func extractor(_ value: StoredString) { fields.append("extractor=\(plain(value))") }

  mutating func fact(_ field: StoredFactField, _ value: StoredString, _ evidence: StoredEvidence) {
    fields.append("\(field)=\(plain(value)) \(self.evidence(evidence))")
  }

  mutating func ordinal(_ value: Int, _ evidence: StoredEvidence) {
    fields.append("ordinal=\(value) \(self.evidence(evidence))")
  }

  mutating func fact(_ field: StoredFactField, days: Int32, _ evidence: StoredEvidence) {
    fields.append("\(field)=\(days) \(self.evidence(evidence))")
  }

  mutating func virtual(_ value: Bool, _ evidence: StoredEvidence) {
    fields.append("virtual=\(value) \(self.evidence(evidence))")
  }

  mutating func list(_ field: StoredFactField, count: Int) { list = [] }

  mutating func listItem(_ field: StoredFactField, _ value: StoredString?, _ evidence: StoredEvidence?) {
    guard let value, let evidence else { return }
    list.append("\(plain(value)) \(self.evidence(evidence))")
  }

  mutating func endList(_ field: StoredFactField) { fields.append("\(field)=\(list)") }

  mutating func counts(_ count: Int) {
    list = []
    countsLine = fields.count
    fields.append("counts=\(list)")
  }

  mutating func count(
    value: Int?, qualifier: CountQualifier, kind: CountedKind, group: StoredString?, evidence: StoredEvidence
  ) {
    let group = group.map(plain)
    list.append(
      "\(String(describing: value)) \(qualifier) \(kind) \(String(describing: group)) \(self.evidence(evidence))"
    )
    fields[countsLine] = "counts=\(list)"
  }
}
