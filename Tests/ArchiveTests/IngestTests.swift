import Domain
import Foundation
import Testing

@testable import Archive

@Suite struct IngestTests {
  @Test func theSeedGivesTheTwelfthCIFGMeetingInLuxembourg() throws {
    try withArchive { archive, _ in
      let report = try archive.ingest([fixture("seed")])
      #expect(report.newCount == 1)
      let view = try archive.view()
      let meeting = try #require(view.meetings.first)
      #expect(view.meetings.count == 1)
      #expect(meeting.id == "cifg-12")
      #expect(meeting.city == "Luxembourg")
      #expect(meeting.country == "LU")
      #expect(meeting.start?.description == "2019-11-19")
      #expect(meeting.end?.description == "2019-11-20")
      #expect(meeting.chairs == ["IT", "SA", "US"])
      #expect(meeting.themes.contains("virtual-assets"))
      let point = try #require(view.membership.first)
      #expect(point.key.group == "cifg")
      #expect(point.key.date.description == "2019-11-20")
      #expect(point.value == 56)
      #expect(point.key.counts == .members)
    }
  }

  @Test func ingestingTheSameTextTwiceAppendsOneEvent() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let again = try archive.ingest([fixture("seed")])
      #expect(again.newCount == 0)
      #expect(again.duplicateCount == 1)
      #expect(try archive.events().count == 1)
    }
  }

  @Test func aDryRunAppendsNothingButReportsWhatItRead() throws {
    try withArchive { archive, _ in
      let report = try archive.ingest([fixture("seed")], dryRun: true)
      #expect(report.documents.first?.status == .new)
      #expect(report.documents.first?.facts.meetingID == "cifg-12")
      #expect(try archive.events().isEmpty)
    }
  }

  @Test func aMissingPathIsReportedAndTheRestIsCommitted() throws {
    try withArchive { archive, _ in
      let report = try archive.ingest(["/nonexistent/feed.xml", fixture("seed")])
      #expect(report.missing == ["/nonexistent/feed.xml"])
      #expect(report.exitCode == 66)
      #expect(report.newCount == 1)
    }
  }

  @Test func anEmptyFileIsRejectedByNameWhileAGoodOneBesideItIsCommitted() throws {
    try withArchive { archive, path in
      let empty = NSTemporaryDirectory() + "communique-empty-\(UUID().uuidString).txt"
      _ = FileManager.default.createFile(atPath: empty, contents: Data())
      defer { try? FileManager.default.removeItem(atPath: empty) }
      let report = try archive.ingest([empty, fixture("seed")])
      #expect(report.rejected.map(\.source) == [empty])
      #expect(report.rejected.first?.description.hasPrefix(empty) == true)
      #expect(report.exitCode == 65)
      #expect(try archive.events().count == 1)
    }
  }

  @Test func aChangedTextUnderAKnownGuidIsARevisionOfTheEarlierDocument() throws {
    try withArchive { archive, _ in
      let first = Document(
        source: "a", format: "rss", guid: "g-1", title: "t",
        published: CalendarDate(year: 2019, month: 11, day: 20),
        language: "en", text: "first text")
      let second = Document(
        source: "a", format: "rss", guid: "g-1", title: "t",
        published: CalendarDate(year: 2019, month: 11, day: 21),
        language: "en", text: "second text")
      let facts = Facts(extractor: "test")
      let a = try archive.recordForTest([(first, facts)])
      let b = try archive.recordForTest([(second, facts)])
      #expect(a.first?.status == .new)
      #expect(b.first?.status == .revision)
      #expect(b.first?.revises == first.id)
    }
  }
}

extension Archive {
  /// Appends already-understood documents, bypassing the readers.
  func recordForTest(_ items: [(Document, Facts)]) throws -> [IngestedItem] {
    try log.write { writer in
      var out: [IngestedItem] = []
      for (document, facts) in items {
        let previous = try indexes.previousRelease(
          guid: document.guid, link: document.link, in: writer.transaction, log: log)
        let event = Event.documentIngested(
          DocumentIngested(document: document, facts: facts, revises: previous))
        let seq = try append(event, with: &writer)
        out.append(
          IngestedItem(
            status: previous == nil ? .new : .revision, document: document, facts: facts, revises: previous,
            seq: seq))
      }
      return out
    }
  }
}
