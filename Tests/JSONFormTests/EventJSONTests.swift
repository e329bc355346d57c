import Domain
@testable import JSONForm
import PropertyBased
import Testing
import TestSupport

@Suite struct EventJSONTests {
  @Test func everyEventSurvivesItsJSONFormUnchanged() async {
    await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max)) { seed in
      var random = RandomEvents(seed: UInt64(seed))
      let event = random.event()
      let text = event.json.serialized
      let parsed = try? JSONParser.parse(text)
      #expect(parsed == event.json)
      let decoded = parsed.flatMap { try? Event(type: event.type, json: $0) }
      #expect(decoded == event)
    }
  }

  @Test func absentFactsAreWrittenAsNullNotOmitted() {
    let json = Facts(extractor: "1").json
    #expect(json["group"] == .null)
    #expect(json["chairs"] == .array([]))
  }

  @Test func aMissingFieldIsNamedWithItsPath() throws {
    let json = try JSONParser.parse(#"{"target":"cifg-12","changes":[{"field":"city"}],"reason":"r"}"#)
    #expect(throws: JSONShapeError(path: "data.changes[0].value", problem: "missing").self) {
      _ = try Event(type: .factCorrected, json: json)
    }
  }
}
