@testable import Domain
import Foundation
@testable import StoredForm
import Testing
import TestSupport

/// Payload version 2: a document's text is stored compressed when that is shorter.
@Suite struct StoredTextTests {
  static let english = String(
    repeating: "The Counter ISIS Finance Group held its meeting in Rome and reviewed its work. ", count: 12)
  static let arabic = String(
    repeating: "عقدت مجموعة مكافحة تمويل داعش اجتماعها في الرياض وناقشت الأصول الافتراضية. ", count: 12)

  static func ingested(_ text: String) -> Event {
    var random = RandomEvents(seed: 5)
    var document = random.document()
    document = Document(
      source: document.source, format: document.format, guid: "g", link: "https://example.org/1",
      title: "t", published: nil, language: "en", isTranslation: false, text: text)
    return .documentIngested(DocumentIngested(document: document, facts: random.facts()))
  }

  /// `event`'s version-2 payload in three parts: what comes before the stored text, the
  /// stored text, and the facts after it.
  static func split(_ event: Event, _ text: String) -> (prefix: [UInt8], storedText: [UInt8], facts: [UInt8])
  {
    guard case .documentIngested(let e) = event else { fatalError("a document event") }
    var head = ByteWriter()
    head.byte(2)
    head.raw(e.document.id.digest)
    head.optional(e.revises) { $0.raw($1.digest) }
    head.document(e.document)
    var stored = ByteWriter()
    stored.storedText(text)
    let payload = event.payload
    let factsStart = head.bytes.count + stored.bytes.count
    #expect(Array(payload[..<head.bytes.count]) == head.bytes)
    #expect(Array(payload[head.bytes.count..<factsStart]) == stored.bytes)
    return (head.bytes, stored.bytes, Array(payload[factsStart...]))
  }

  @Test(arguments: [english, arabic])
  func aLongTextIsStoredCompressedShorterAndReadBackWhole(text: String) throws {
    let event = Self.ingested(text)
    let (_, stored, _) = Self.split(event, text)
    #expect(stored.first == StoredText.Codec.zstd.rawValue)
    #expect(event.payload.count < event.payload(version: 1).count - text.utf8.count / 2)
    #expect(try Event(type: 1, payload: event.payload) == event)
  }

  @Test(arguments: ["", "short text", String(repeating: "x", count: 64)])
  func aShortTextIsStoredAsItIs(text: String) throws {
    let event = Self.ingested(text)
    #expect(Self.split(event, text).storedText.first == StoredText.Codec.plain.rawValue)
    #expect(try Event(type: 1, payload: event.payload) == event)
  }

  @Test func aTextCompressionCannotShortenIsStoredAsItIs() throws {
    // Ninety characters, none repeated: Zstandard finds nothing to shorten.
    let text = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&()*+,-./:;<=>?@[]^_{|}~"
    let event = Self.ingested(text)
    #expect(Self.split(event, text).storedText.first == StoredText.Codec.plain.rawValue)
    #expect(try Event(type: 1, payload: event.payload) == event)
  }

  @Test func versionOnePayloadsStillReadAsTheSameEvent() throws {
    for text in [Self.english, Self.arabic, "short"] {
      let event = Self.ingested(text)
      let old = event.payload(version: 1)
      #expect(old[0] == 1)
      #expect(try Event(type: 1, payload: old) == event)
      let skipped = try old.withUnsafeBytes { try Event(type: 1, payload: $0, text: .skip) }
      let skippedNew = try event.payload.withUnsafeBytes { try Event(type: 1, payload: $0, text: .skip) }
      #expect(skipped == skippedNew)
    }
  }

  @Test func aDamagedFrameIsRefusedOrReadAsTheSameTextNeverMisread() {
    let event = Self.ingested(Self.english)
    let (prefix, stored, facts) = Self.split(event, Self.english)
    // Flip each byte of the frame in turn. Zstandard, the length check or the id check
    // notices almost every one; a flip in a header field the decoder does not need (such as
    // a larger window) may still give the same text, but never another one. (The chain
    // hash, over the stored bytes, catches those in the archive.)
    var refused = 0
    for index in 4..<stored.count {
      var damaged = stored
      damaged[index] ^= 0x5A
      do {
        let decoded = try Event(type: 1, payload: prefix + damaged + facts)
        #expect(decoded == event, "byte \(index)")
      } catch {
        refused += 1
      }
    }
    #expect(refused >= stored.count - 8)
  }

  @Test func aStatedLengthTheStreamDoesNotFillIsRefused() throws {
    let text = Self.english
    let event = Self.ingested(text)
    let (prefix, stored, facts) = Self.split(event, text)
    // Re-state the text's length one byte short, one byte long, and absurdly large (a
    // bomb's claim, refused before anything is allocated).
    for length in [text.utf8.count - 1, text.utf8.count + 1, StoredText.compressionLimit + 1, 1 << 40] {
      var r = ByteReader(stored, offset: 1)
      _ = try r.varint()
      let streamLength = try r.count()
      let stream = Array(stored[r.offset...])
      var w = ByteWriter()
      w.byte(StoredText.Codec.zstd.rawValue)
      w.varint(UInt64(length))
      w.varint(UInt64(streamLength))
      w.raw(stream)
      #expect(throws: StoredFormError.self) { _ = try Event(type: 1, payload: prefix + w.bytes + facts) }
    }
  }

  @Test func anUnknownTextCodecIsRefused() {
    let event = Self.ingested("short")
    let (prefix, stored, facts) = Self.split(event, "short")
    var damaged = stored
    damaged[0] = 7
    #expect(throws: StoredFormError.self) { _ = try Event(type: 1, payload: prefix + damaged + facts) }
    #expect(throws: StoredFormError.self) {
      _ = try (prefix + damaged + facts).withUnsafeBytes { try Event(type: 1, payload: $0, text: .skip) }
    }
  }
}

/// Payload version 2: a quote that is exactly the text at its range is left out.
@Suite struct ElidedQuoteTests {
  static let text = "ROME, ITALY – The Counter ISIS Finance Group held its 9th meeting. 40 members took part."

  /// Evidence quoting `text` at the scalars of `needle`.
  static func quoting(_ needle: String) -> Evidence {
    let scalars = Array(text.unicodeScalars)
    let wanted = Array(needle.unicodeScalars)
    // Every needle the tests use is in the text; a missing one gives a range past its end.
    let start =
      (0...(scalars.count - wanted.count)).first { Array(scalars[$0..<$0 + wanted.count]) == wanted }
      ?? scalars.count
    return Evidence(range: start..<start + wanted.count, quote: needle)
  }

  static func event(city: Evidence) -> Event {
    let facts = Facts(
      extractor: "t", group: Stated("cifg", evidence: quoting("Counter ISIS Finance Group")),
      ordinal: Stated(9, evidence: quoting("9th")), city: Stated("Rome", evidence: city),
      counts: [
        CountStatement(value: 40, qualifier: .exact, counts: .members, evidence: quoting("40 members"))
      ])
    let document = Document(source: "s", format: "rss", language: "en", text: text)
    return .documentIngested(DocumentIngested(document: document, facts: facts))
  }

  @Test func quotesThatAreTheTextAtTheirRangeAreLeftOutAndPutBack() throws {
    let event = Self.event(city: Self.quoting("ROME"))
    let quoted = ["Counter ISIS Finance Group", "9th", "ROME"].map(\.utf8.count).reduce(0, +)
    // Each left-out quote saves its bytes and its length byte.
    // Version 2 adds a codec byte before the (short, plain) text.
    #expect(event.payload.count == event.payload(version: 1).count + 1 - quoted - 3)
    #expect(try Event(type: 1, payload: event.payload) == event)
  }

  @Test func aQuoteThatIsNotTheTextAtItsRangeIsKept() throws {
    var city = Self.quoting("ROME")
    city.quote = "Rome"
    let event = Self.event(city: city)
    #expect(try Event(type: 1, payload: event.payload) == event)
  }

  @Test func skippingTheTextLeavesLeftOutQuotesEmptyButKeepsCounts() throws {
    let event = Self.event(city: Self.quoting("ROME"))
    let skipped = try event.payload.withUnsafeBytes { try Event(type: 1, payload: $0, text: .skip) }
    guard case .documentIngested(let e) = skipped else { Issue.record("not a document"); return }
    #expect(e.facts.city?.evidence.quote == "")
    #expect(e.facts.city?.evidence.range == Self.quoting("ROME").range)
    #expect(e.facts.counts.first?.evidence.quote == "40 members")
  }

  @Test func aLeftOutQuoteWhoseRangeIsNotInTheTextIsRefused() {
    // The facts of the long text, quotes left out, after a short text: their ranges now run
    // past its end.
    let event = Self.event(city: Self.quoting("ROME"))
    guard case .documentIngested(var e) = event else { return }
    e.document = Document(source: "s", format: "rss", language: "en", text: "Short.")
    let (prefix, storedShort, _) = StoredTextTests.split(.documentIngested(e), "Short.")
    let (_, _, facts) = StoredTextTests.split(event, Self.text)
    #expect(throws: StoredFormError.self) { _ = try Event(type: 1, payload: prefix + storedShort + facts) }
  }
}
