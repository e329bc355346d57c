import Domain
import Foundation
import Testing

@testable import Archive

@Suite("log --type and --limit, and a --known-at before the first event")
struct LogQueryTests {
  @Test("a type or family keeps its events, a limit the latest, an unknown type is refused")
  func query() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      _ = try archive.correct(
        FactCorrected(
          target: "cifg-12", changes: [FieldChange(field: "city", value: "Brussels")], reason: "r"))
      let entries = try archive.logEntries()
      #expect(try LogQuery(types: ["fact.corrected"]).apply(entries).map(\.seq) == [2])
      #expect(try LogQuery(types: ["document"]).apply(entries).map(\.seq) == [1])
      #expect(try LogQuery(limit: 1).apply(entries).map(\.seq) == [2])
      #expect(try LogQuery(types: ["fact"]).apply(entries).map(\.seq) == [2])
      #expect(throws: ArchiveError.self) { try LogQuery(types: ["fac"]) }
      #expect(throws: ArchiveError.self) { try LogQuery(types: ["nosuch.type"]) }
      #expect(throws: ArchiveError.self) { try LogQuery(limit: 0) }
    }
  }

  @Test("--since and --until keep the events recorded on those days, inclusive")
  func span() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let entries = try archive.logEntries()
      let today = try #require(entries.first?.recordedAt.date)
      let yesterday = CalendarDate(daysSinceEpoch: today.daysSinceEpoch - 1)
      let tomorrow = CalendarDate(daysSinceEpoch: today.daysSinceEpoch + 1)
      #expect(try LogQuery(since: today, until: today).apply(entries).count == entries.count)
      #expect(try LogQuery(since: tomorrow).apply(entries).isEmpty)
      #expect(try LogQuery(until: yesterday).apply(entries).isEmpty)
    }
  }

  @Test("a --known-at instant before the first event is noted; at or after it is not")
  func beforeFirstEvent() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      let first = try #require(try archive.firstRecordedAt())
      let early = KnownAt.time(Timestamp(microseconds: first.microseconds - 1))
      #expect(try archive.noteBeforeFirstEvent(early)?.contains("before the archive's first event") == true)
      #expect(try archive.noteBeforeFirstEvent(.time(first)) == nil)
      #expect(try archive.noteBeforeFirstEvent(.seq(0)) == nil)
    }
  }
}
