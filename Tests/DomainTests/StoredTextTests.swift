@testable import Domain
import Foundation
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

  /// The stored text at the end of `event`'s version-2 payload, and the payload before it.
  static func split(_ event: Event, _ text: String) -> (prefix: [UInt8], storedText: [UInt8]) {
    var w = ByteWriter()
    w.storedText(text)
    let payload = event.payload
    return (Array(payload.dropLast(w.bytes.count)), w.bytes)
  }

  @Test(arguments: [english, arabic])
  func aLongTextIsStoredCompressedShorterAndReadBackWhole(text: String) throws {
    let event = Self.ingested(text)
    let (_, stored) = Self.split(event, text)
    #expect(stored.first == StoredText.Codec.zstd.rawValue)
    #expect(event.payload.count < event.payload(version: 1).count - text.utf8.count / 2)
    #expect(try Event(type: 1, payload: event.payload) == event)
  }

  @Test(arguments: ["", "short text", String(repeating: "x", count: 64)])
  func aShortTextIsStoredAsItIs(text: String) throws {
    let event = Self.ingested(text)
    #expect(Self.split(event, text).storedText.first == StoredText.Codec.plain.rawValue)
    #expect(event.payload.count == event.payload(version: 1).count + 1)
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
    let (prefix, stored) = Self.split(event, Self.english)
    // Flip each byte of the frame in turn. Zstandard, the length check or the id check
    // notices almost every one; a flip in a header field the decoder does not need (such as
    // a larger window) may still give the same text, but never another one. (The chain
    // hash, over the stored bytes, catches those in the archive.)
    var refused = 0
    for index in 4..<stored.count {
      var damaged = stored
      damaged[index] ^= 0x5A
      do {
        let decoded = try Event(type: 1, payload: prefix + damaged)
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
    let (prefix, stored) = Self.split(event, text)
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
      #expect(throws: StoredFormError.self) { _ = try Event(type: 1, payload: prefix + w.bytes) }
    }
  }

  @Test func anUnknownTextCodecIsRefused() {
    let event = Self.ingested("short")
    let (prefix, stored) = Self.split(event, "short")
    var damaged = stored
    damaged[0] = 7
    #expect(throws: StoredFormError.self) { _ = try Event(type: 1, payload: prefix + damaged) }
    #expect(throws: StoredFormError.self) {
      _ = try (prefix + damaged).withUnsafeBytes { try Event(type: 1, payload: $0, text: .skip) }
    }
  }
}
