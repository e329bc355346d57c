import Domain
import StoredForm
import Testing
import TestSupport

@testable import Projections

@Suite("Folding stored payloads")
struct FoldTests {
  @Test(
    "folding the stored payloads, of either version, gives the state folding the events gives",
    arguments: 0..<40, Event.readablePayloadVersions)
  func payloadFoldEqualsEventFold(seed: UInt64, version: UInt8) throws {
    let events = RandomEvents.log(seed: seed, count: 60)
    var folded = ArchiveState()
    for recorded in events {
      try recorded.event.payload(version: version).withUnsafeBytes { payload in
        try folded.apply(
          seq: recorded.seq, recordedAt: recorded.recordedAt, type: recorded.event.type.rawValue,
          payload: payload)
      }
      #expect(folded.lastSeq == recorded.seq)
    }
    #expect(folded == ArchiveState(events: events))
  }

  @Test("payloads whose texts are compressed against a dictionary fold like any other", arguments: 0..<8)
  func dictionaryPayloadFold(seed: UInt64) throws {
    let texts = statementTexts(count: 400, seed: 40 + seed)
    guard let dictionary = TextDictionary.trained(on: texts.map { Array($0.utf8) }) else {
      Issue.record("no dictionary trained on 400 statements")
      return
    }
    TextDictionaries.shared.register(dictionary)
    var random = RandomEvents(seed: seed)
    let events = (0..<60).map { i in
      var event = random.event()
      // Documents with statements long enough to compress.
      if case .documentIngested(var e) = event {
        let d = e.document
        e.document = Document(
          source: d.source, format: d.format, feed: d.feed, guid: d.guid, link: d.link, title: d.title,
          published: d.published, language: d.language, originalLink: d.originalLink,
          isTranslation: d.isTranslation, text: texts[i])
        event = .documentIngested(e)
      }
      return RecordedEvent(
        seq: UInt64(i + 1), recordedAt: Timestamp(microseconds: 1_700_000_000_000_000 + Int64(i)),
        event: event)
    }
    var folded = ArchiveState()
    var compressed = 0
    for recorded in events {
      let payload = recorded.event.payload(dictionary: dictionary)
      compressed += payload.first == 3 ? 1 : 0
      try payload.withUnsafeBytes { payload in
        try folded.apply(
          seq: recorded.seq, recordedAt: recorded.recordedAt, type: recorded.event.type.rawValue,
          payload: payload)
      }
    }
    #expect(compressed > 0)
    #expect(folded == ArchiveState(events: events))
  }

  @Test("a document stating seventy thousand counts folds like any other")
  func manyCounts() throws {
    let count = CountStatement(
      value: 56, qualifier: .exact, counts: .members, evidence: Evidence(range: 0..<2, quote: "56"))
    let document = Document(source: "x", format: "text", language: "en", text: "56 members")
    let event = Event.documentIngested(
      DocumentIngested(
        document: document, facts: Facts(extractor: "t", counts: Array(repeating: count, count: 70_000))))
    let recorded = RecordedEvent(seq: 1, recordedAt: Timestamp(microseconds: 0), event: event)
    var folded = ArchiveState()
    try event.payload.withUnsafeBytes { payload in
      try folded.apply(seq: 1, recordedAt: recorded.recordedAt, type: event.type.rawValue, payload: payload)
    }
    let state = ArchiveState(events: [recorded])
    #expect(folded == state)
    #expect(state.sources[document.id]?.facts.counts.count == 70_000)
  }
}
