@testable import Domain
import Foundation
import JSONForm
@testable import StoredForm
import Testing
import TestSupport

/// The following events and a document's capture seq in the stored form and the JSON form
/// (docs/FORMAT.md, **subscription.added** … **capture.recorded**).
@Suite struct FollowingEventsTests {
  static let capture = Capture(
    requestedURL: "http://127.0.0.1:8080/feed", finalURL: "https://127.0.0.1:8443/feed.xml", status: 200,
    requestHeaders: [
      HeaderField(name: "User-Agent", value: "Communique/1"), HeaderField(name: "Accept", value: "*/*"),
    ],
    responseHeaders: [
      HeaderField(name: "Content-Type", value: "application/rss+xml; charset=windows-1256"),
      HeaderField(name: "ETag", value: "\"abc\""), HeaderField(name: "content-encoding", value: "gzip"),
    ],
    fetchedAt: Timestamp(microseconds: 1_765_000_000_123_456), body: Array("<rss>…</rss>".utf8),
    redirects: [
      Redirect(status: 301, from: "http://127.0.0.1:8080/feed", to: "https://127.0.0.1:8443/feed.xml")
    ])

  static let events: [Event] = [
    .subscriptionAdded(SubscriptionAdded(url: "https://example.org/feed", group: "cifg", language: "ar")),
    .subscriptionAdded(SubscriptionAdded(url: "https://example.org/other")),
    .subscriptionChanged(
      SubscriptionChanged(
        url: "https://example.org/feed", movedTo: "https://example.org/new", group: "cifg", language: nil,
        reason: "permanent redirect (301)")),
    .subscriptionChanged(SubscriptionChanged(url: "https://example.org/feed", group: "coalition")),
    .subscriptionRemoved(SubscriptionRemoved(url: "https://example.org/feed", reason: "gone")),
    .subscriptionRemoved(SubscriptionRemoved(url: "https://example.org/feed")),
    .captureRecorded(CaptureRecorded(capture)),
  ]

  @Test func everyFollowingEventRoundTripsThroughItsPayloadAndItsJSON() throws {
    for event in Self.events {
      #expect(try Event(type: event.type.rawValue, payload: event.payload) == event)
      var text: [UInt8] = []
      event.json.write(into: &text)
      #expect(
        try Event(type: event.type, json: JSONParser.parse(String(decoding: text, as: UTF8.self))) == event)
      #expect(EventType(name: event.type.name) == event.type)
    }
  }

  @Test func everyTruncationOfAFollowingPayloadIsRefused() {
    for event in Self.events {
      let payload = event.payload
      for cut in 1..<payload.count {
        #expect(throws: StoredFormError.self) {
          _ = try Event(type: event.type.rawValue, payload: Array(payload[0..<cut]))
        }
      }
    }
  }

  @Test func aCaptureRecordsTheBodysDigestAndLengthNotTheBody() throws {
    let recorded = CaptureRecorded(Self.capture)
    #expect(recorded.bodySHA256 == DocumentID(text: "<rss>…</rss>").digest)
    #expect(recorded.bodyLength == Self.capture.body.count)
    #expect(recorded.capture(body: Self.capture.body) == Self.capture)
    #expect(!Event.captureRecorded(recorded).payload.contains(subsequence: Self.capture.body))
  }

  @Test func aDocumentsCaptureSeqRoundTripsBehindItsOwnFlagAndLeavesOtherPayloadsAsTheyWere() throws {
    for seed in 0..<20 as Range<UInt64> {
      var random = RandomEvents(seed: seed)
      var document = random.document()
      if seed % 3 == 0 { document.encoding = EncodingDecision(encoding: "windows-1256", basis: .http) }
      let facts = random.facts()
      let plain = Event.documentIngested(DocumentIngested(document: document, facts: facts))
      let fetched = Event.documentIngested(
        DocumentIngested(document: document, facts: facts, capture: 40 + seed))
      for version in Event.readablePayloadVersions {
        let before = plain.payload(version: version)
        let after = fetched.payload(version: version)
        #expect(after[0] == before[0] | Event.recordsCapture)
        #expect(Array(after[1..<before.count]) == Array(before[1...]))
        #expect(try Event(type: 1, payload: after) == fetched)
        let skipped = try after.withUnsafeBytes { try Event(type: 1, payload: $0, text: .skip) }
        guard case .documentIngested(let e) = skipped else { throw StoredFormError.unknownType(0) }
        #expect(e.capture == 40 + seed)
      }
      var text: [UInt8] = []
      fetched.json.write(into: &text)
      #expect(String(decoding: text, as: UTF8.self).contains("\"capture\":\(40 + seed)"))
      #expect(
        try Event(type: .documentIngested, json: JSONParser.parse(String(decoding: text, as: UTF8.self)))
          == fetched)
      var plainText: [UInt8] = []
      plain.json.write(into: &plainText)
      #expect(!String(decoding: plainText, as: UTF8.self).contains("\"capture\""))
    }
  }

  @Test func aCaptureBodyIsStoredCompressedWhenShorterAndReadBackExactly() throws {
    let repetitive = Array(String(repeating: "<item>same</item>", count: 500).utf8)
    let stored = CaptureBody.stored(repetitive)
    #expect(stored[0] == 1)
    #expect(stored.count < repetitive.count / 4)
    #expect(try CaptureBody.body(stored: stored) == repetitive)
    let tiny: [UInt8] = [1, 2, 3]
    #expect(try CaptureBody.body(stored: CaptureBody.stored(tiny)) == tiny)
    var damaged = stored
    damaged[damaged.count - 3] ^= 0xFF
    #expect(throws: StoredFormError.self) { _ = try CaptureBody.body(stored: damaged) }
  }

  @Test func aFetchStateRoundTripsThroughItsStoredForm() throws {
    let states = [
      FeedFetchState(),
      FeedFetchState(
        etag: "\"v1\"", lastModified: "Mon, 07 Dec 2026 10:00:00 GMT",
        lastAttempt: Timestamp(microseconds: 5), lastSuccess: Timestamp(microseconds: 4), lastStatus: 429,
        lastError: "too many requests", consecutiveFailures: 3, nextDue: Timestamp(microseconds: 9)),
    ]
    for state in states { #expect(try FeedFetchState(storedBytes: state.storedBytes) == state) }
    #expect(throws: StoredFormError.self) { _ = try FeedFetchState(storedBytes: [9]) }
  }
}

extension Array where Element == UInt8 {
  fileprivate func contains(subsequence: [UInt8]) -> Bool {
    guard !subsequence.isEmpty, subsequence.count <= count else { return subsequence.isEmpty }
    return (0...(count - subsequence.count)).contains {
      Array(self[$0..<$0 + subsequence.count]) == subsequence
    }
  }
}
