import Domain
import PropertyBased
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
    var payload = event.payload
    // The text is stored last; changing its last byte changes the text but not its length.
    payload[payload.count - 1] ^= 0x01
    #expect(throws: StoredFormError.self) { _ = try Event(type: 1, payload: payload) }
  }
}
