@testable import Domain
import Foundation
import JSONForm
@testable import StoredForm
import Testing
import TestSupport

/// A document's recorded encoding decision in the stored form and the JSON form
/// (docs/FORMAT.md, **encoding**).
@Suite struct EncodingRecordTests {
  static let decisions = [
    EncodingDecision(encoding: "windows-1256", basis: .overridden),
    EncodingDecision(encoding: "UTF-8", basis: .detected, declared: "ISO-8859-1"),
    EncodingDecision(encoding: "ISO-8859-6", basis: .declared),
  ]

  static func ingested(_ seed: UInt64, encoding: EncodingDecision?) -> Event {
    var random = RandomEvents(seed: seed)
    var document = random.document()
    document.encoding = encoding
    return .documentIngested(
      DocumentIngested(
        document: document, facts: random.facts(), revises: seed % 2 == 0 ? random.document().id : nil))
  }

  @Test func aDecisionRoundTripsInEveryPayloadVersionBehindTheVersionBytesFlag() throws {
    for seed in 0..<30 as Range<UInt64> {
      let event = Self.ingested(seed, encoding: Self.decisions[Int(seed) % Self.decisions.count])
      for version in Event.readablePayloadVersions {
        let payload = event.payload(version: version)
        #expect(payload[0] == version | Event.recordsEncoding)
        #expect(try Event(type: 1, payload: payload) == event)
        // A fold that skips the text keeps the decision.
        let skipped = try payload.withUnsafeBytes { try Event(type: 1, payload: $0, text: .skip) }
        guard case .documentIngested(let e) = skipped else { throw StoredFormError.unknownType(0) }
        #expect(e.document.encoding == Self.decisions[Int(seed) % Self.decisions.count])
      }
    }
  }

  @Test func withoutADecisionThePayloadIsTheOneWrittenBeforeDecisionsWereRecorded() throws {
    for seed in 0..<30 as Range<UInt64> {
      let plain = Self.ingested(seed, encoding: nil)
      let recorded = Self.ingested(seed, encoding: Self.decisions[0])
      for version in Event.readablePayloadVersions {
        let before = plain.payload(version: version)
        #expect(before[0] == version)
        // The decision adds its flag and a trailing record; every other byte is as before.
        let after = recorded.payload(version: version)
        #expect(Array(after[1..<before.count]) == Array(before[1...]))
      }
    }
  }

  @Test func everyTruncationOfARecordedDecisionAndAnUnknownBasisAreRefused() throws {
    let event = Self.ingested(5, encoding: Self.decisions[1])
    let payload = event.payload
    let plainCount = Self.ingested(5, encoding: nil).payload.count
    for cut in plainCount..<payload.count {
      #expect(throws: StoredFormError.self) { _ = try Event(type: 1, payload: Array(payload[0..<cut])) }
    }
    var bad = payload
    // encoding: string "UTF-8" (length 5), then the basis byte.
    bad[plainCount + 6] = 9
    #expect(throws: StoredFormError.self) { _ = try Event(type: 1, payload: bad) }
    // The flag means nothing on other events: their version byte stays unknown.
    var random = RandomEvents(seed: 1)
    let retracted = Event.documentRetracted(DocumentRetracted(document: random.document().id, reason: "r"))
    var flagged = retracted.payload
    flagged[0] |= Event.recordsEncoding
    #expect(throws: StoredFormError.unknownVersion(Event.payloadVersion | 0x80)) {
      _ = try Event(type: 4, payload: flagged)
    }
  }

  @Test func theJSONFormCarriesADecisionOnlyWhenThereIsOneAndReadsDocumentsWithout() throws {
    let recorded = Self.ingested(3, encoding: Self.decisions[1])
    let json = recorded.json
    #expect(
      json["document"]?["encoding"]
        == .object([
          ("encoding", .string("UTF-8")), ("basis", .string("detected")), ("declared", .string("ISO-8859-1")),
        ]))
    #expect(try Event(type: .documentIngested, json: JSONParser.parse(json.serialized)) == recorded)
    let plain = Self.ingested(3, encoding: nil)
    #expect(plain.json["document"]?["encoding"] == nil)
    #expect(try Event(type: .documentIngested, json: plain.json) == plain)
    // `null` reads as none; an unknown basis is named by its path.
    let withNull = json.serialized.replacingOccurrences(
      of: #"{"encoding":"UTF-8","basis":"detected","declared":"ISO-8859-1"}"#, with: "null")
    #expect(try Event(type: .documentIngested, json: JSONParser.parse(withNull)) == plain)
    let unknown = json.serialized.replacingOccurrences(of: #""detected""#, with: #""guessed""#)
    #expect(throws: JSONShapeError(path: "data.document.encoding.basis", problem: "unknown basis guessed")) {
      _ = try Event(type: .documentIngested, json: JSONParser.parse(unknown))
    }
  }
}
