import Domain
import EventLog
import Foundation
import Projections
import Testing

@testable import Archive

/// Following feeds in the archive: subscriptions as events, fetch state beside the log,
/// captures recorded with their documents, and their bodies through export, import and verify.
@Suite struct FollowingTests {
  static let feedURL = "https://example.org/coalition/feed"

  static func capture(
    _ file: String, url: String = feedURL, contentType: String = "application/rss+xml",
    at micros: Int64 = 1_765_000_000_000_000
  ) throws -> Capture {
    let body = Array(try Data(contentsOf: URL(fileURLWithPath: fixture(file))))
    return Capture(
      requestedURL: url, finalURL: url, status: 200,
      requestHeaders: [HeaderField(name: "User-Agent", value: "Communique/test")],
      responseHeaders: [
        HeaderField(name: "Content-Type", value: contentType), HeaderField(name: "ETag", value: "\"v1\""),
      ],
      fetchedAt: Timestamp(microseconds: micros), body: body)
  }

  func exported(_ archive: Archive) throws -> String {
    var bytes: [UInt8] = []
    try archive.export { bytes += $0 }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func followingAppendsAddedThenChangedAndNothingForTheSameOptions() throws {
    try withArchive { (archive, _) throws in
      #expect(try archive.follow(Self.feedURL, group: "cifg", language: "ar") == .added(seq: 1))
      #expect(try archive.follow(Self.feedURL, group: "cifg", language: "ar") == .unchanged)
      #expect(try archive.follow(Self.feedURL, group: "coalition", language: "ar") == .changed(seq: 2))
      let feeds = try archive.subscriptions()
      #expect(feeds.map(\.subscription.url) == [Self.feedURL])
      #expect(feeds.first?.subscription.group == "coalition")
      #expect(feeds.first?.state == FeedFetchState())
      #expect(try archive.events().map(\.event.type) == [.subscriptionAdded, .subscriptionChanged])
    }
  }

  @Test func followRefusesWhatCannotBeFetchedAnUnknownGroupAndALanguageButEnAndAr() throws {
    try withArchive { (archive, _) throws in
      for (url, group, language) in [
        ("ftp://example.org/feed", nil, nil), ("feed.xml", nil, nil), ("https:///nohost", nil, nil),
        ("https://example.org/a\u{1B}]0;x", nil, nil), (Self.feedURL, "nato", nil), (Self.feedURL, nil, "fr"),
      ] as [(String, String?, String?)] {
        #expect(throws: ArchiveError.self) { _ = try archive.follow(url, group: group, language: language) }
      }
      #expect(try archive.events().isEmpty)
    }
  }

  @Test func unfollowingAppendsRemovedForgetsTheFetchStateAndRefusesAFeedNotFollowed() throws {
    try withArchive { (archive, _) throws in
      _ = try archive.follow(Self.feedURL)
      try archive.updateFetchState(of: Self.feedURL) {
        var s = $0; s.etag = "\"x\""; return s
      }
      #expect(try archive.unfollow(Self.feedURL, reason: "gone") == 2)
      #expect(try archive.subscriptions().isEmpty)
      #expect(try archive.fetchState(of: Self.feedURL) == FeedFetchState())
      #expect(throws: ArchiveError.self) { try archive.unfollow(Self.feedURL) }
    }
  }

  @Test func fetchStateIsKeptBesideTheLogNotInIt() throws {
    try withArchive { (archive, _) throws in
      _ = try archive.follow(Self.feedURL)
      let updated = try archive.updateFetchState(of: Self.feedURL) { state in
        var s = state
        s.etag = "\"v2\""
        s.lastModified = "Mon, 07 Dec 2026 10:00:00 GMT"
        s.lastStatus = 304
        s.lastSuccess = Timestamp(microseconds: 7)
        s.nextDue = Timestamp(microseconds: 99)
        return s
      }
      #expect(try archive.fetchState(of: Self.feedURL) == updated)
      #expect(try archive.subscriptions().first?.state == updated)
      // A 304 is not an event.
      #expect(try archive.events().count == 1)
    }
  }

  @Test func aPermanentRedirectMovesTheSubscriptionAndItsFetchState() throws {
    try withArchive { (archive, _) throws in
      _ = try archive.follow(Self.feedURL, group: "cifg")
      try archive.updateFetchState(of: Self.feedURL) {
        var s = $0; s.etag = "\"e\""; return s
      }
      let moved = "https://example.org/feeds/coalition.xml"
      #expect(try archive.moveSubscription(Self.feedURL, to: moved, status: 301) == 2)
      let feeds = try archive.subscriptions()
      #expect(feeds.map(\.subscription.url) == [moved])
      #expect(feeds.first?.subscription.group == "cifg")
      #expect(feeds.first?.state.etag == "\"e\"")
      #expect(try archive.moveSubscription(Self.feedURL, to: moved, status: 301) == nil)
      guard case .subscriptionChanged(let e) = try archive.events().last?.event else {
        throw ArchiveError.usage("not a change")
      }
      #expect(e.movedTo == moved && e.reason == "permanent redirect (301)")
    }
  }

  @Test func aCaptureIsRecordedBeforeItsDocumentsWhichPointAtIt() throws {
    try withArchive { (archive, _) throws in
      let capture = try Self.capture("feeds/coalition-en.rss.xml")
      let result = try archive.recordCapture(capture, decodedBody: capture.body)
      let seq = try #require(result.seq)
      #expect(result.report.newCount == 3)
      let events = try archive.events()
      #expect(events.first?.event == .captureRecorded(CaptureRecorded(capture)))
      for recorded in events.dropFirst() {
        guard case .documentIngested(let e) = recorded.event else {
          throw ArchiveError.usage("not a document")
        }
        #expect(e.capture == seq)
        #expect(e.document.source == capture.finalURL)
        let provenance = try #require(try archive.provenance(ofEventAt: recorded.seq))
        #expect(provenance.seq == seq)
        #expect(provenance.sentence.hasPrefix("fetched from \(Self.feedURL) at 2025-12-06T"))
        #expect(provenance.sentence.hasSuffix(", HTTP 200, capture seq \(seq)"))
      }
      #expect(try archive.captureBody(seq: seq) == capture.body)
    }
  }

  @Test func theSameBodyFetchedAgainIsStoredOnceAndItsDocumentsAreDuplicates() throws {
    try withArchive { (archive, _) throws in
      let first = try Self.capture("feeds/coalition-en.rss.xml")
      let again = try Self.capture("feeds/coalition-en.rss.xml", at: 1_765_000_100_000_000)
      _ = try archive.recordCapture(first, decodedBody: first.body)
      let second = try archive.recordCapture(again, decodedBody: again.body)
      #expect(second.report.newCount == 0 && second.report.duplicateCount == 3)
      #expect(try archive.log.read { try archive.captureBodies.count(in: $0.transaction) } == 1)
      #expect(try archive.events().filter { $0.event.type == .captureRecorded }.count == 2)
    }
  }

  @Test func aChangedItemUnderTheSameGuidFetchedLaterIsARevision() throws {
    try withArchive { (archive, _) throws in
      let first = try Self.capture("revisions/cifg-10-first.rss.xml")
      let revised = try Self.capture("revisions/cifg-10-revised.rss.xml", at: 1_765_000_100_000_000)
      _ = try archive.recordCapture(first, decodedBody: first.body)
      let result = try archive.recordCapture(revised, decodedBody: revised.body)
      #expect(result.report.revisionCount >= 1)
      let item = try #require(result.report.documents.first { $0.status == .revision })
      #expect(item.revises != nil)
    }
  }

  @Test func theContentTypeCharsetDecidesTheEncodingAndTheDocumentRecordsIt() throws {
    try withArchive { (archive, _) throws in
      // The fixture declares windows-1256 in its XML declaration; stripped, only the header says it.
      var capture = try Self.capture(
        "feeds/cifg-ar.windows-1256.rss.xml", contentType: "application/rss+xml; charset=\"windows-1256\"")
      let declaration = Array("<?xml version=\"1.0\" encoding=\"windows-1256\"?>".utf8)
      #expect(Array(capture.body.prefix(declaration.count)) == declaration)
      capture.body = Array(capture.body.dropFirst(declaration.count))
      let result = try archive.recordCapture(capture, decodedBody: capture.body)
      #expect(result.report.rejected.isEmpty)
      #expect(
        result.report.encodings.first?.decision == EncodingDecision(encoding: "windows-1256", basis: .http))
      let document = try #require(result.report.documents.first?.document)
      #expect(document.encoding?.basis == .http)
      #expect(document.language == "ar")
    }
  }

  @Test func aCaptureWhoseBodyCannotBeReadIsStillRecorded() throws {
    try withArchive { (archive, _) throws in
      var capture = try Self.capture("feeds/coalition-en.rss.xml")
      capture.body = Array("this is not a feed \u{0}\u{1}".utf8)
      let result = try archive.recordCapture(capture, decodedBody: capture.body)
      #expect(result.seq == 1)
      #expect(!result.report.rejected.isEmpty)
      #expect(try archive.events().map(\.event.type) == [.captureRecorded])
    }
  }

  @Test func followingAndCapturesChangeNoProjection() throws {
    try withArchive { (plain, _) throws in
      try withArchive { (followed, _) throws in
        let capture = try Self.capture("feeds/coalition-en.rss.xml")
        _ = try plain.ingest([fixture("feeds/coalition-en.rss.xml")])
        _ = try followed.follow(Self.feedURL, group: "coalition")
        _ = try followed.recordCapture(capture, decodedBody: capture.body)
        _ = try followed.unfollow(Self.feedURL)
        // Byte for byte, as the commands print them (seqs differ: the captures take some).
        let (a, b) = (try followed.view(), try plain.view())
        #expect(a.timelineJSON == b.timelineJSON)
        #expect(a.membersJSON == b.membersJSON)
        #expect(a.themesJSON == b.themesJSON)
        #expect(!a.meetings.isEmpty)
        #expect(try followed.verify().passed)
      }
    }
  }

  @Test func aCaptureAndItsBodySurviveExportAndImportEventForEvent() throws {
    try withArchive { (archive, _) throws in
      _ = try archive.follow(Self.feedURL, group: "coalition", language: "en")
      let capture = try Self.capture("feeds/coalition-en.rss.xml")
      _ = try archive.recordCapture(capture, decodedBody: capture.body)
      let text = try exported(archive)
      #expect(text.contains("\"body\":\"\(Data(capture.body).base64EncodedString())\""))
      try withArchive { (copy, _) throws in
        _ = try copy.importEvents(text.split(separator: "\n"), source: "export")
        #expect(try exported(copy) == text)
        #expect(try copy.captureBody(seq: 2) == capture.body)
        #expect(try copy.verify().passed)
        #expect(try copy.subscriptions().map(\.subscription.url) == [Self.feedURL])
      }
    }
  }

  @Test func importRefusesACaptureWhoseBodyDoesNotMatchItsDigest() throws {
    try withArchive { (archive, _) throws in
      let capture = try Self.capture("feeds/coalition-en.rss.xml")
      _ = try archive.recordCapture(capture, decodedBody: capture.body)
      let text = try exported(archive)
      let forged = text.replacingOccurrences(
        of: Data(capture.body).base64EncodedString(),
        with: Data(capture.body.dropLast()).base64EncodedString())
      try withArchive { (copy, _) throws in
        #expect {
          _ = try copy.importEvents(forged.split(separator: "\n"), source: "export")
        } throws: { error in
          "\(error)".contains("export:1") && "\(error)".contains("body does not match")
        }
        #expect(try copy.events().isEmpty)
      }
    }
  }

  @Test func verifyNamesTheCaptureWhoseBodyIsMissingOrDamaged() throws {
    try withArchive { (archive, _) throws in
      _ = try archive.follow(Self.feedURL)
      let capture = try Self.capture("feeds/coalition-en.rss.xml")
      _ = try archive.recordCapture(capture, decodedBody: capture.body)
      let key = CaptureRecorded(capture).bodySHA256
      let database = try #require(archive.captureBodies.database)
      let stored = try #require(try archive.log.read { try $0.transaction.get(database, key: key) })
      var damaged = stored
      damaged[damaged.count - 1] ^= 0x55
      try archive.log.environment.write { try $0.put(database, key: key, value: damaged) }
      let report = try archive.verify()
      #expect(report.failure?.seq == 2)
      #expect(report.failure?.problem.contains("capture body sha256:") == true)
      _ = try archive.log.environment.write { try $0.delete(database, key: key) }
      #expect(try archive.verify().failure?.problem.hasSuffix("is missing") == true)
    }
  }
}

/// Imported following events are checked as `follow` and a fetch would check them.
@Suite struct FollowingImportRulesTests {
  @Test func importedFollowingEventsThatFollowWouldRefuseAreRefused() throws {
    try withArchive { (archive, _) throws in
      let rules = EventRules(extractor: try archive.extractor())
      var capture = CaptureRecorded(try FollowingTests.capture("feeds/coalition-en.rss.xml"))
      #expect(throws: Never.self) { try rules.check(.captureRecorded(capture), in: ArchiveState()) }
      let refused: [Event] = [
        .subscriptionAdded(SubscriptionAdded(url: "javascript:alert(1)")),
        .subscriptionAdded(SubscriptionAdded(url: "https://example.org/f", group: "nato")),
        .subscriptionChanged(
          SubscriptionChanged(url: "https://example.org/f", movedTo: "ftp://example.org/")),
        .subscriptionRemoved(SubscriptionRemoved(url: "https://example.org/\u{1B}[2J")),
      ]
      for event in refused {
        #expect(throws: ArchiveError.self) { try rules.check(event, in: ArchiveState()) }
      }
      capture = CaptureRecorded(
        requestedURL: capture.requestedURL, finalURL: capture.finalURL, status: 200,
        httpVersion: capture.httpVersion, requestHeaders: capture.requestHeaders,
        responseHeaders: [HeaderField(name: "X-Forged", value: "a\r\nSet-Cookie: b")],
        fetchedAt: capture.fetchedAt,
        redirects: [], bodySHA256: capture.bodySHA256, bodyLength: capture.bodyLength)
      #expect(throws: ArchiveError.self) { try rules.check(.captureRecorded(capture), in: ArchiveState()) }
    }
  }
}
