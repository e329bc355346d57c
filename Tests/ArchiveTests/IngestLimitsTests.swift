import Feeds
import Foundation
import Testing

@testable import Archive

/// Inputs past the reading limits are refused by name, and the archive keeps what was good.
@Suite struct IngestLimitsTests {
  func feed(_ name: String, items: Int) throws -> String {
    let path = NSTemporaryDirectory() + "limits-\(UUID().uuidString)-\(name).xml"
    var xml = "<rss version=\"2.0\"><channel><title>t</title>\n"
    for index in 0..<items {
      xml += "<item><guid>\(name)-\(index)</guid><title>Statement \(name) \(index)</title></item>\n"
    }
    try (xml + "</channel></rss>\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func anInputWithMoreItemsThanTheLimitIsRefusedByNameAndTheGoodItemsAreKept() throws {
    try withArchive { archive, _ in
      let many = try feed("many", items: 5)
      let few = try feed("few", items: 2)
      defer { for path in [many, few] { try? FileManager.default.removeItem(atPath: path) } }
      let report = try archive.ingest([many, few], limits: ReadingLimits(items: 3, markupNodes: 10_000))
      #expect(
        report.rejected.map(\.description)
          == ["\(many):5: more than 3 items, the limit per input; the first 3 were read; split it"])
      #expect(report.exitCode == 65)
      #expect(report.newCount == 5)
      #expect(try archive.events().count == 5)
    }
  }

  @Test func aReportThatKeepsNoItemsCountsThemAllAndNamesThoseWithoutAMeeting() throws {
    try withArchive { archive, _ in
      let plain = try feed("plain", items: 3)
      defer { try? FileManager.default.removeItem(atPath: plain) }
      let report = try archive.ingest([fixture("seed"), plain], keepingItems: false)
      #expect(report.documents.isEmpty)
      #expect(report.itemCount == 4)
      #expect(report.newCount == 4)
      #expect(report.withoutMeetingCount == 3)
      #expect(report.withoutMeeting.map(\.source) == [plain, plain, plain])
      let again = try archive.ingest([fixture("seed"), plain], keepingItems: false)
      #expect(again.duplicateCount == 4)
      #expect(again.withoutMeeting.isEmpty)
    }
  }
}
