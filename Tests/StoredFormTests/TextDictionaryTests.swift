@testable import Domain
import Foundation
@testable import StoredForm
import Testing
import TestSupport

/// Payload version 3: a document's text compressed against the archive's trained dictionary.
@Suite struct TextDictionaryTests {
  static let samples = statementTexts(count: 400, seed: 1).map { Array($0.utf8) }
  static let dictionary: TextDictionary = {
    guard let trained = TextDictionary.trained(on: samples) else { fatalError("trains on 400 statements") }
    return TextDictionaries.shared.register(trained)
  }()

  static func ingested(_ text: String) -> Event { StoredTextTests.ingested(text) }

  @Test func tooFewOrTooShortTextsTrainNoDictionary() {
    #expect(TextDictionary.trained(on: Array(Self.samples.prefix(TextDictionary.minimumSamples - 1))) == nil)
    #expect(TextDictionary.trained(on: Array(repeating: Array("short".utf8), count: 1000)) == nil)
  }

  @Test func theSameTextsTrainTheSameDictionaryWhoseIdComesFromItsBytes() throws {
    let again = try #require(TextDictionary.trained(on: Self.samples))
    #expect(again.bytes == Self.dictionary.bytes)
    #expect(again.id == Self.dictionary.id && again.id != 0)
    #expect(TextDictionary(bytes: Self.dictionary.bytes)?.id == Self.dictionary.id)
    #expect(TextDictionary(bytes: Array(Self.samples[0])) == nil)
    #expect(Self.dictionary.bytes.count <= TextDictionary.maximumSize)
  }

  @Test func aTextCompressedAgainstTheDictionaryIsVersion3ShorterAndReadsBackWhole() throws {
    // A statement the dictionary was not trained on.
    let text = statementTexts(count: 1, seed: 99)[0]
    let event = Self.ingested(text)
    let payload = event.payload(dictionary: Self.dictionary)
    #expect(payload.first == 3)
    #expect(payload.count < event.payload.count - 100)
    #expect(try Event(type: 1, payload: payload) == event)
    // Stepping over the block leaves what it holds empty: source, feed and title with the text.
    let skipped = try payload.withUnsafeBytes { try Event(type: 1, payload: $0, text: .skip) }
    guard
      case .documentIngested(var expected) = try event.payload.withUnsafeBytes({
        try Event(type: 1, payload: $0, text: .skip)
      })
    else { return }
    expected.document.source = ""
    expected.document.feed = nil
    expected.document.title = nil
    #expect(skipped == .documentIngested(expected))
    // What the export carries rebuilds the very bytes.
    let stored = try #require(try payload.withUnsafeBytes { try Event.storedTextFrame(type: 1, payload: $0) })
    #expect(stored.dictionary == Self.dictionary.id)
    #expect(event.payload(textFrame: stored) == payload)
  }

  @Test func aShortTextUnderADictionaryIsStoredPlainAsVersion3WithoutItWrites() throws {
    let event = Self.ingested("short text")
    let payload = event.payload(dictionary: Self.dictionary)
    #expect(payload.first == 3)
    #expect(payload == event.payload(version: 3))
    #expect(try payload.withUnsafeBytes { try Event.storedTextFrame(type: 1, payload: $0) } == nil)
    #expect(try Event(type: 1, payload: payload) == event)
  }

  @Test func otherEventsIgnoreTheDictionary() {
    let correction = Event.factCorrected(
      FactCorrected(target: "cifg-12", changes: [FieldChange(field: "city", value: "Rome")], reason: "r"))
    #expect(correction.payload(dictionary: Self.dictionary) == correction.payload)
  }

  @Test func aFrameAgainstADictionaryTheProcessDoesNotHoldIsRefusedNamingIt() throws {
    let text = statementTexts(count: 1, seed: 7)[0]
    let event = Self.ingested(text)
    let payload = event.payload(dictionary: Self.dictionary)
    var stored = try #require(try payload.withUnsafeBytes { try Event.storedTextFrame(type: 1, payload: $0) })
    stored.dictionary = Self.dictionary.id &+ 1
    let orphan = event.payload(textFrame: stored)
    let error = #expect(throws: StoredFormError.self) { _ = try Event(type: 1, payload: orphan) }
    #expect("\(error.map { "\($0)" } ?? "")".contains("dictionary \(Self.dictionary.id &+ 1)"))
    // A fold, which steps over the text, still reads it.
    #expect(throws: Never.self) {
      _ = try orphan.withUnsafeBytes { try Event(type: 1, payload: $0, text: .skip) }
    }
  }

  @Test func aFrameAgainstADictionaryInAVersion2PayloadIsRefused() {
    var payload = Self.ingested(statementTexts(count: 1, seed: 3)[0]).payload(dictionary: Self.dictionary)
    payload[0] = 2
    #expect(throws: StoredFormError.self) { _ = try Event(type: 1, payload: payload) }
  }

  @Test func aDamagedFrameAgainstTheDictionaryIsRefusedOrReadAsTheSameTextNeverMisread() throws {
    let text = statementTexts(count: 1, seed: 11)[0]
    let event = Self.ingested(text)
    let payload = event.payload(dictionary: Self.dictionary)
    let stored = try #require(try payload.withUnsafeBytes { try Event.storedTextFrame(type: 1, payload: $0) })
    var refused = 0
    for index in stored.frame.indices {
      var damaged = stored
      damaged.frame[index] ^= 0x5A
      do {
        // The text is checked against the document's id. The source, feed and title beside
        // it are not (no more than when stored plain): the chain hash guards them.
        let decoded = try Event(type: 1, payload: event.payload(textFrame: damaged))
        guard case .documentIngested(let e) = decoded else { continue }
        #expect(e.document.text == text, "byte \(index)")
      } catch {
        refused += 1
      }
    }
    #expect(refused >= stored.frame.count / 2)
  }

  @Test func theBlockHoldsSourceFeedAndTitleWithTheText() throws {
    let text = statementTexts(count: 1, seed: 12)[0]
    let document = Document(
      source: "feeds/cifg.xml", format: "rss",
      feed: FeedInfo(title: "Coalition", link: "https://example.org/feed", language: "en"), guid: "g-1",
      link: "https://example.org/1", title: "Joint statement", language: "en", text: text)
    let event = Event.documentIngested(DocumentIngested(document: document, facts: Facts(extractor: "t")))
    let payload = event.payload(dictionary: Self.dictionary)
    #expect(
      try payload.withUnsafeBytes { try Event.storedTextFrame(type: 1, payload: $0) }?.dictionary != nil)
    // Stepping over the block leaves out exactly what it holds; the head keeps the rest.
    let skipped = try payload.withUnsafeBytes { try Event(type: 1, payload: $0, text: .skip) }
    guard case .documentIngested(let e) = skipped else { return }
    #expect(
      e.document.source == "" && e.document.feed == nil && e.document.title == nil && e.document.text == "")
    #expect(
      e.document.guid == "g-1" && e.document.link == "https://example.org/1" && e.document.format == "rss")
    #expect(try Event(type: 1, payload: payload) == event)
  }
}
