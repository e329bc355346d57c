import Domain
import Foundation
import StoredForm
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

  @Test func aDryRunSaysWhyAnEmptyFieldIsEmpty() throws {
    try withArchive { archive, _ in
      let input = URL(fileURLWithPath: NSTemporaryDirectory() + "undated-\(UUID().uuidString).txt")
      defer { try? FileManager.default.removeItem(at: input) }
      try
        "rss\n\nCIFG Leaders Issue Joint Statement\n\nThe Counter ISIS Finance Group met virtually on February 4-5."
        .write(to: input, atomically: true, encoding: .utf8)
      let item = try #require(try archive.ingest([input.path], dryRun: true).documents.first)
      let reasons = Dictionary(uniqueKeysWithValues: item.unstated.map { ($0.field, $0.reason) })
      #expect(reasons["start"] == "a day without a year (\"February 4-5\"), and no publication date found")
      #expect(reasons["place"]?.hasPrefix("the meeting was held online") == true)
      #expect(reasons["group"] == nil)
      #expect(item.facts.group?.value == "cifg")
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

  /// Payloads laid out beside extraction (before the writer knows what an item revises) are
  /// stored exactly as the event's own payload, revisions included.
  @Test func everyStoredPayloadIsTheEventsOwnPayloadRevisionsIncluded() throws {
    try withArchive { archive, _ in
      let report = try archive.ingest([fixture("revisions"), fixture("feeds")])
      #expect(report.revisionCount > 0)
      #expect(report.newCount > 0)
      var revises: [UInt64: DocumentID?] = [:]
      for item in report.documents { if let seq = item.seq { revises[seq] = item.revises } }
      let checked = try archive.log.read { reader in
        var checked = 0
        try reader.forEach(from: 1) { raw in
          let event = try Event(type: raw.type, payload: raw.data)
          #expect(event.payload.elementsEqual(raw.data), "seq \(raw.seq)")
          guard case .documentIngested(let ingested) = event else { return false }
          #expect(revises[raw.seq] == .some(ingested.revises), "seq \(raw.seq)")
          checked += 1
          return true
        }
        return checked
      }
      #expect(checked == report.newCount + report.revisionCount)
    }
  }

  /// The windows are a schedule, not a meaning: any grouping of the inputs appends the same
  /// events (same bytes, same hashes with the test clock) and reports the same outcomes as
  /// one input at a time. Hostile inputs are among them, so rejections keep their place too.
  @Test(arguments: [
    Archive.WindowPlan(minimumInputs: 2, minimumBytes: 0, maximumInputs: 3),
    Archive.WindowPlan(minimumInputs: 4, minimumBytes: 1 << 20, maximumInputs: 16),
    Archive.WindowPlan.standard,
  ])
  func everyWindowPlanAppendsWhatOneInputAtATimeAppends(plan: Archive.WindowPlan) throws {
    let paths = ["feeds", "hostile", "seed", "labeled", "revisions", "feeds"].map(fixture)
    let oneAtATime = Archive.WindowPlan(minimumInputs: 1, minimumBytes: 0, maximumInputs: 1)
    func outcome(_ plan: Archive.WindowPlan) throws -> (String, [String], [String], [String], Int) {
      try withArchive { archive, _ in
        var progress: [Int] = []
        let report = try archive.ingest(paths, dryRun: false, windowPlan: plan) {
          progress.append($0.inputsDone)
        }
        #expect(progress == Array(1...report.inputsTotal))
        let head = try archive.log.read { try $0.head() }
        let hashes = try archive.log.read { reader in
          var out: [String] = []
          try reader.forEach(from: 1) { raw in
            out.append(raw.hash.map { String(format: "%02x", $0) }.joined())
            return true
          }
          return out
        }
        let items = report.documents.map {
          "\($0.status) \($0.document.id) \($0.seq ?? 0) \($0.revises.map { "\($0)" } ?? "-")"
        }
        let rejected = report.rejected.map(\.description)
        return ("\(head?.seq ?? 0)", hashes, items, rejected, report.inputsTotal)
      }
    }
    let expected = try outcome(oneAtATime)
    let actual = try outcome(plan)
    #expect(expected.0 != "0")
    #expect(!expected.3.isEmpty)
    #expect(actual.0 == expected.0)
    #expect(actual.1 == expected.1)
    #expect(actual.2 == expected.2)
    #expect(actual.3 == expected.3)
    #expect(actual.4 == expected.4)
  }

  /// The first window is read while the language data loads; when they cannot be loaded the
  /// ingest still fails naming the file, and appends nothing.
  @Test func aBadThemeFileFailsTheIngestAndAppendsNothing() throws {
    let themes = NSTemporaryDirectory() + "communique-themes-\(UUID().uuidString).json"
    try Data("{not json".utf8).write(to: URL(fileURLWithPath: themes))
    defer { try? FileManager.default.removeItem(atPath: themes) }
    let path = NSTemporaryDirectory() + "communique-archive-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: path) }
    var options = Archive.Options()
    options.extraThemes = URL(fileURLWithPath: themes)
    let archive = try Archive(path: path, options: options)
    #expect {
      try archive.ingest([fixture("feeds"), fixture("seed")])
    } throws: { error in
      "\(error)".contains((themes as NSString).lastPathComponent)
    }
    #expect(try archive.events().isEmpty)
  }

  @Test func twoWindowsArePreparedAheadUnlessTheirInputsAreHuge() {
    let small = 300 << 10
    let huge = 40 << 20
    func ahead(_ number: Int, started: Int, _ bytes: [Int]) -> [Int] {
      Array(Archive.WindowPlan.ahead(of: number, started: started, windowBytes: bytes))
    }
    #expect(ahead(0, started: 0, [small, small, small, small]) == [0, 1, 2])
    #expect(ahead(1, started: 3, [small, small, small, small]) == [3])
    #expect(ahead(3, started: 4, [small, small, small, small]) == [])
    #expect(ahead(0, started: 0, [small]) == [0])
    #expect(ahead(0, started: 0, []) == [])
    // Huge inputs: the next window only, as with one window ahead.
    #expect(ahead(0, started: 0, [huge, huge, huge]) == [0, 1])
    #expect(ahead(1, started: 2, [huge, huge, huge]) == [2])
    #expect(ahead(0, started: 0, [small, huge, huge]) == [0, 1])
    #expect(ahead(0, started: 0, [small, small, huge]) == [0, 1, 2])
  }

  @Test func windowsCloseAtOneInputPerCoreAndTheByteBudgetOrAtTheirMaximum() {
    func inputs(_ sizes: [Int]) -> [Archive.Input] {
      sizes.enumerated().map { index, size in Archive.Input(source: "\(index)", size: size) { [] } }
    }
    let plan = Archive.WindowPlan(minimumInputs: 2, minimumBytes: 100, maximumInputs: 4)
    func grouping(_ sizes: [Int]) -> [[String]] {
      Archive.windows(of: inputs(sizes), plan: plan).map { $0.map(\.source) }
    }
    #expect(grouping([]) == [])
    #expect(grouping([500]) == [["0"]])
    #expect(grouping([500, 500, 500]) == [["0", "1"], ["2"]])
    #expect(grouping([10, 10, 10, 10, 10, 200]) == [["0", "1", "2", "3"], ["4", "5"]])
    #expect(grouping([60, 50, 500, 1]) == [["0", "1"], ["2", "3"]])
  }
}

extension Archive {
  /// Appends already-understood documents, bypassing the readers.
  func recordForTest(_ items: [(Document, Facts)]) throws -> [IngestedItem] {
    try log.write { writer in
      var out: [IngestedItem] = []
      for (document, facts) in items {
        let previous = try indexes.previousRelease(
          guid: document.guid, link: document.link, in: writer.transaction)
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
