import Domain
import Foundation
import Projections
import Testing

@testable import Archive

@Suite struct RevisionTests {
  /// Ingests the two releases of the CIFG's tenth meeting under one guid; returns their ids.
  func ingestRevisionPair(_ archive: Archive) throws -> (first: DocumentID, revised: DocumentID) {
    let report = try archive.ingest([fixture("revisions")])
    #expect(report.newCount == 1)
    #expect(report.revisionCount == 1)
    let ids = report.documents.map(\.document.id)
    return (try #require(ids.first), try #require(ids.last))
  }

  @Test func theFixturePairIsOneChainInLogOrderWithTheRevisionStanding() throws {
    try withArchive { archive, _ in
      let (first, revised) = try ingestRevisionPair(archive)
      let history = try archive.revisions(of: first.description)
      #expect(history.document == first)
      #expect(history.revisions.map(\.document) == [first, revised])
      #expect(history.revisions.map(\.seq) == [1, 2])
      #expect(history.revisions.map(\.standing) == [false, true])
      #expect(history.revisions.map(\.published?.description) == ["2019-04-18", "2019-04-19"])
      #expect(history.revisions.last?.revises == first)
      #expect(history.standing?.document == revised)
    }
  }

  @Test func aReleasesIndexInTheEarlierLayoutIsRebuiltFromTheLogWhenOpenedWritable() throws {
    try withArchive { archive, path in
      let (_, revised) = try ingestRevisionPair(archive)
      let document = try #require(
        try archive.events().last.flatMap { recorded -> Document? in
          if case .documentIngested(let e) = recorded.event { return e.document }
          return nil
        })
      let expected = try archive.log.read { reader in
        try reader.transaction.statistics(of: archive.indexes.releases).entries
      }
      // What a build before hashed keys stored: `guid:` / `link:` + the text → the digest.
      try archive.log.environment.write { txn in
        try txn.clear(archive.indexes.releases)
        for (prefix, text) in [("guid:", document.guid), ("link:", document.link)] {
          guard let text else { continue }
          try txn.put(archive.indexes.releases, key: Array((prefix + text).utf8), value: revised.digest)
        }
      }
      try forgetMigrations(archive)
      let reopened = try Archive(path: path)
      let record = try #require(try reopened.migrations().first { $0.name == "releases-keyed-by-digest" })
      #expect(record.applied)
      try reopened.log.read { reader in
        let txn = reader.transaction
        #expect(try reopened.indexes.holdsOlderReleaseKeys(in: txn) == false)
        #expect(try txn.statistics(of: reopened.indexes.releases).entries == expected)
        let latest = try reopened.indexes.previousRelease(
          guid: document.guid, link: document.link, in: txn)
        #expect(latest == revised)
      }
    }
  }

  @Test func anyMemberOfTheChainOrItsSeqGivesTheSameChain() throws {
    try withArchive { archive, _ in
      let (first, revised) = try ingestRevisionPair(archive)
      let fromFirst = try archive.revisions(of: first.description)
      let fromRevised = try archive.revisions(of: revised.description)
      let fromSeq = try archive.revisions(of: "2")
      #expect(fromRevised.revisions == fromFirst.revisions)
      #expect(fromSeq.revisions == fromFirst.revisions)
      #expect(fromSeq.document == revised)
    }
  }

  @Test func theChangeIsTheLineDiffOfTheTwoTexts() throws {
    try withArchive { archive, _ in
      let (first, revised) = try ingestRevisionPair(archive)
      let history = try archive.revisions(of: revised.description)
      let change = try #require(history.changes.first)
      #expect(history.changes.count == 1)
      #expect(change.from == first)
      #expect(change.to == revised)
      #expect(change.diff.removed.contains { $0.contains("on April 16, 2019") })
      #expect(change.diff.added.contains { $0.contains("on April 16-17, 2019") })
      #expect(change.diff.added.contains { $0.contains("virtual assets") })
      #expect(!change.diff.removed.contains { $0.contains("front companies") })
      let unified = change.diff.unified
      #expect(unified.first?.hasPrefix("@@ -") == true)
      #expect(unified.contains { $0.hasPrefix(" ") && $0.contains("front companies") })
    }
  }

  @Test func theStandingRevisionIsTheOneTheTimelineReads() throws {
    try withArchive { archive, _ in
      let (_, revised) = try ingestRevisionPair(archive)
      let meeting = try #require(try archive.view().meetings.first { $0.id == "cifg-10" })
      #expect(meeting.end?.description == "2019-04-17")
      #expect(meeting.sources.map(\.document) == [revised])
    }
  }

  @Test func asOfBeforeTheRevisionWasPublishedTheFirstStands() throws {
    try withArchive { archive, _ in
      let (first, _) = try ingestRevisionPair(archive)
      let history = try archive.revisions(
        of: first.description, asOf: CalendarDate(year: 2019, month: 4, day: 18))
      #expect(history.standing?.document == first)
      #expect(history.revisions.count == 2)
    }
  }

  @Test func knownAtBeforeTheRevisionWasIngestedTheChainIsTheFirstAlone() throws {
    try withArchive { archive, _ in
      let (first, revised) = try ingestRevisionPair(archive)
      let history = try archive.revisions(of: first.description, knownAt: .seq(1))
      #expect(history.revisions.map(\.document) == [first])
      #expect(history.changes.isEmpty)
      #expect(throws: ArchiveError.self) { try archive.revisions(of: revised.description, knownAt: .seq(1)) }
    }
  }

  @Test func aLaterIngestedRevisionPublishedEarlierDoesNotStand() throws {
    try withArchive { archive, _ in
      func release(_ day: Int, _ text: String) -> Document {
        Document(
          source: "feed", format: "rss", guid: "g-1", title: "t",
          published: CalendarDate(year: 2019, month: 11, day: day), language: "en", text: text)
      }
      let a = release(20, "title\nfirst line\nsecond line")
      let b = release(22, "title\nfirst line\nsecond line, corrected")
      let c = release(21, "title\nfirst line, reworded\nsecond line, corrected")
      let facts = Facts(extractor: "test")
      _ = try archive.recordForTest([(a, facts), (b, facts), (c, facts)])
      let history = try archive.revisions(of: c.id.description)
      #expect(history.revisions.map(\.document) == [a.id, b.id, c.id])
      #expect(history.standing?.document == b.id)
      #expect(history.changes.map(\.from) == [a.id, b.id])
      #expect(history.changes.map(\.to) == [b.id, c.id])
      #expect(history.changes.last?.diff.removed == ["first line"])
      #expect(history.changes.last?.diff.added == ["first line, reworded"])
    }
  }

  @Test func aRetractedRevisionNeverStands() throws {
    try withArchive { archive, _ in
      let (first, revised) = try ingestRevisionPair(archive)
      try archive.appendForTest(.documentRetracted(DocumentRetracted(document: revised, reason: "test")))
      let history = try archive.revisions(of: first.description)
      #expect(history.standing?.document == first)
      #expect(history.revisions.map(\.retracted) == [false, true])
    }
  }

  @Test func aDocumentWithoutRevisionsIsAChainOfOne() throws {
    try withArchive { archive, _ in
      let report = try archive.ingest([fixture("seed")])
      let id = try #require(report.documents.first?.document.id)
      let history = try archive.revisions(of: id.description)
      #expect(history.revisions.map(\.document) == [id])
      #expect(history.revisions.first?.standing == true)
      #expect(history.changes.isEmpty)
    }
  }

  @Test(arguments: [
    "sha256:" + String(repeating: "0", count: 64), "sha256:zz", "99", "not-a-document",
  ])
  func anUnknownDocumentIsAUsageErrorNamingTheInput(_ target: String) throws {
    try withArchive { archive, _ in
      _ = try ingestRevisionPair(archive)
      do throws(ArchiveError) {
        _ = try archive.revisions(of: target)
        Issue.record("no error for \(target)")
      } catch {
        #expect(error.exitCode == 64)
        #expect(error.description.contains(target))
      }
    }
  }

  @Test func theJSONHasTheContractsShape() throws {
    try withArchive { archive, _ in
      let (first, revised) = try ingestRevisionPair(archive)
      let json = try archive.revisions(of: first.description).json
      #expect(json["document"] == .string(first.description))
      let revisions = try #require(json["revisions"]?.arrayValue)
      #expect(revisions.map { $0["document"] } == [.string(first.description), .string(revised.description)])
      #expect(revisions.map { $0["standing"] } == [.bool(false), .bool(true)])
      #expect(revisions.first?["seq"] == .int(1))
      #expect(revisions.first?["published"] == .string("2019-04-18"))
      let change = try #require(json["changes"]?.arrayValue?.first)
      #expect(change["from"] == .string(first.description))
      #expect(change["to"] == .string(revised.description))
      #expect(change["removed"]?.arrayValue?.isEmpty == false)
      #expect(change["added"]?.arrayValue?.isEmpty == false)
    }
  }
}
