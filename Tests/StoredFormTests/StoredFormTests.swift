@testable import Domain
import PropertyBased
@testable import StoredForm
import Testing
import TestSupport

@Suite struct StoredFormTests {
  @Test func everyEventSurvivesTheBinaryFormUnchanged() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
      var random = RandomEvents(seed: UInt64(seed))
      let event = random.event()
      let decoded = try? Event(type: event.type.rawValue, payload: event.payload)
      #expect(decoded == event)
    }
  }

  @Test func skippingTheTextGivesTheSameEventWithAnEmptyTextAndTheSameID() async {
    await propertyCheck(count: 200, input: Gen.int(in: 0...Int.max)) { seed in
      var random = RandomEvents(seed: UInt64(seed))
      let event = random.event()
      let payload = event.payload
      let skipped = payload.withUnsafeBytes { bytes in
        try? Event(type: event.type.rawValue, payload: bytes, text: .skip)
      }
      var expected = event
      if case .documentIngested(var e) = event {
        // Quotes left out (exactly the text at their range; counts keep theirs) come back
        // empty without the text.
        var source = QuoteSource(e.document.text)
        e.facts = e.facts.mappingEvidence { evidence, isCount in
          guard !isCount, source.matches(evidence.quote, at: evidence.range) else { return evidence }
          return Evidence(range: evidence.range, quote: "")
        }
        e.document.text = ""
        expected = .documentIngested(e)
      }
      #expect(skipped == expected)
    }
  }

  @Test func equalEventsHaveEqualBytes() async {
    await propertyCheck(count: 100, input: Gen.int(in: 0...Int.max)) { seed in
      var a = RandomEvents(seed: UInt64(seed))
      var b = RandomEvents(seed: UInt64(seed))
      #expect(a.event().payload == b.event().payload)
    }
  }

  @Test func everyTruncationOfAPayloadIsRefusedNotMisread() {
    var random = RandomEvents(seed: 7)
    for _ in 0..<20 {
      let event = random.event()
      let payload = event.payload
      for cut in 0..<payload.count {
        #expect(throws: StoredFormError.self) {
          _ = try Event(type: event.type.rawValue, payload: Array(payload[0..<cut]))
        }
      }
    }
  }

  @Test func aPayloadOfAnUnknownVersionOrTypeIsRefused() {
    var random = RandomEvents(seed: 11)
    let event = random.event()
    var payload = event.payload
    payload[0] = 99
    #expect(throws: StoredFormError.unknownVersion(99)) {
      _ = try Event(type: event.type.rawValue, payload: payload)
    }
    #expect(throws: StoredFormError.unknownType(200)) { _ = try Event(type: 200, payload: event.payload) }
  }

  @Test func aDocumentWhoseTextNoLongerMatchesItsIdIsRefused() throws {
    var random = RandomEvents(seed: 3)
    let document = random.document()
    let event = Event.documentIngested(DocumentIngested(document: document, facts: random.facts()))
    var payload = event.payload(version: 1)
    // Version 1 stores the text last, as it is: changing its last byte changes the text but
    // not its length. (StoredTextTests damages version 2's stored texts.)
    payload[payload.count - 1] ^= 0x01
    #expect(throws: StoredFormError.self) { _ = try Event(type: 1, payload: payload) }
  }
}

extension Facts {
  /// These facts with every evidence replaced by `transform(evidence, isCount)`.
  func mappingEvidence(_ transform: (Evidence, Bool) -> Evidence) -> Facts {
    func stated<V>(_ s: Stated<V>?) -> Stated<V>? {
      s.map { Stated($0.value, evidence: transform($0.evidence, false)) }
    }
    var out = self
    out.group = stated(group)
    out.ordinal = stated(ordinal)
    out.start = stated(start)
    out.end = stated(end)
    out.city = stated(city)
    out.country = stated(country)
    out.virtual = stated(virtual)
    out.chairs = chairs.map { Stated($0.value, evidence: transform($0.evidence, false)) }
    out.themes = themes.map { Stated($0.value, evidence: transform($0.evidence, false)) }
    out.counts = counts.map { count in
      var count = count
      count.evidence = transform(count.evidence, true)
      return count
    }
    return out
  }
}
