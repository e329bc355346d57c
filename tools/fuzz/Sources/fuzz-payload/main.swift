import Domain
import Foundation
import FuzzDriver

/// libFuzzer entry: any bytes as a stored event payload, the first byte choosing the event
/// type (1–4). Decoding, with the text read and with it skipped, must refuse or succeed,
/// never crash; and what decodes must survive this build's stored form unchanged.
func fuzzPayload(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  guard let data, size > 0 else { return 0 }
  let type = data[0] % 4 + 1
  let payload = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
  _ = try? Event(type: type, payload: payload, text: .skip)
  if let event = try? Event(type: type, payload: payload) {
    guard (try? Event(type: type, payload: event.payload)) == event else {
      fatalError("an event decoded from fuzz input does not survive its own stored form")
    }
  }
  return 0
}

/// Seed inputs: one payload of each kind, a compressed text and a plain one among them, and a
/// document recording its encoding.
func seeds() -> [[UInt8]] {
  let quote = Evidence(range: 4..<14, quote: "the quote")
  let facts = Facts(
    extractor: "fuzz", group: Stated("cifg", evidence: quote), ordinal: Stated(12, evidence: quote),
    start: Stated(CalendarDate(daysSinceEpoch: 18_219), evidence: quote), city: Stated("Luxembourg", evidence: quote),
    country: Stated("LU", evidence: quote), chairs: [Stated("IT", evidence: quote)],
    counts: [CountStatement(value: 56, qualifier: .exact, counts: .members, evidence: quote)],
    themes: [Stated("virtual-assets", evidence: quote)])
  let long = String(repeating: "The Counter ISIS Finance Group met in Luxembourg. ", count: 20)
  var events: [Event] = []
  for text in [long, "Short text."] {
    let document = Document(
      source: "fuzz", format: "rss", guid: "g", link: "https://example.org/1", title: "t", language: "en",
      text: text)
    events.append(.documentIngested(DocumentIngested(document: document, facts: facts)))
  }
  // A document that records its encoding decision (the version byte's flag, a trailing record).
  var recorded = Document(source: "fuzz", format: "rss", language: "ar", text: "نص قصير.")
  recorded.encoding = EncodingDecision(encoding: "UTF-8", basis: .detected, declared: "ISO-8859-1")
  events.append(.documentIngested(DocumentIngested(document: recorded, facts: facts)))
  let id = DocumentID(text: long)
  events.append(.documentReextracted(DocumentReextracted(document: id, facts: facts)))
  events.append(
    .factCorrected(FactCorrected(target: "cifg-12", changes: [FieldChange(field: "city", value: "Rome")], reason: "r")))
  events.append(.documentRetracted(DocumentRetracted(document: id, reason: "withdrawn")))
  // The type byte is chosen modulo 4, so the type's raw value minus one selects it.
  return events.map { [$0.type.rawValue - 1] + $0.payload }
}

/// The symbol libFuzzer's runtime links against; the same function the driver below runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { fuzzPayload(data, size) }

if let directory = ProcessInfo.processInfo.environment["COMMUNIQUE_FUZZ_SEEDS"] {
  for (index, seed) in seeds().enumerated() {
    FileManager.default.createFile(atPath: "\(directory)/seed-\(index)", contents: Data(seed))
  }
  exit(0)
}
var arguments = CommandLine.argc
var vector: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &vector) { data, size in fuzzPayload(data, size) })
