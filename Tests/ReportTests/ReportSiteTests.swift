import Domain
import Foundation
import Projections
import Testing

@testable import Report

@Suite struct ReportSiteTests {
  /// The texts of a log's documents, as the archive hands them to the site.
  func texts(_ log: ReportLog) -> ([SourceRecord]) -> [DocumentID: String] {
    var byID: [DocumentID: String] = [:]
    for recorded in log.events {
      if case .documentIngested(let e) = recorded.event { byID[e.document.id] = e.document.text }
    }
    return { records in
      Dictionary(records.map { ($0.id, byID[$0.id] ?? "") }, uniquingKeysWith: { a, _ in a })
    }
  }

  func sample() -> ReportLog {
    var log = ReportLog()
    log.ingest(
      "في لوكسمبورغ اجتمعت المجموعة", language: "ar", published: "2019-11-20", ordinal: 12,
      start: "2019-11-19", city: "Luxembourg", chairs: ["IT", "SA", "US"], themes: ["antiquities"],
      counts: [(56, .exact, .members)], title: "البيان المشترك", quotes: ["city": "في لو"])
    log.ingest(
      "The <script>alert(1)</script> group met", translation: true, published: "2019-11-21", ordinal: 12,
      start: "2019-11-19", city: "Brussels", counts: [(40, .over, .members)], title: "<b>Joint</b>")
    log.correct("cifg-12", "chairs", "IT,SA,US", reason: "per the joint statement")
    return log
  }

  func directory() -> String { NSTemporaryDirectory() + "site-" + UUID().uuidString }

  func write(_ log: ReportLog, to dir: String) throws -> ReportSiteSummary {
    do {
      return try ReportSite.write(log.report(), to: dir, texts: texts(log))
    } catch {
      Issue.record("\(error)")
      throw error
    }
  }

  /// Every file of a site, by its path from the root.
  func files(_ dir: String) throws -> [String: String] {
    var out: [String: String] = [:]
    let names = try FileManager.default.subpathsOfDirectory(atPath: dir)
    for name in names where name.hasSuffix(".html") || name.hasSuffix(".css") {
      out[name] = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
    }
    return out
  }

  @Test func theSiteHasAnOverviewAPagePerMeetingAndPerDocumentAndOneStyleSheet() throws {
    let dir = directory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let summary = try write(sample(), to: dir)
    let pages = try files(dir)
    #expect(pages["index.html"] != nil && pages["style.css"] != nil && pages["meetings/cifg-12.html"] != nil)
    #expect(pages.keys.filter { $0.hasPrefix("documents/") && $0 != "documents/index.html" }.count == 2)
    #expect(summary.pages == pages.count)
    #expect(summary.largestBytes == pages.values.map(\.utf8.count).max())
    for (name, page) in pages where name.hasSuffix(".html") {
      #expect(page.contains("stylesheet\" href=\"\(name.contains("/") ? "../" : "")style.css\""), "\(name)")
      #expect(!page.contains("<style>"), "\(name): one shared style sheet")
    }
  }

  @Test func everyLinkOfEveryPageLeadsToAPageAndAnchorOfTheSite() throws {
    let dir = directory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try write(sample(), to: dir)
    let pages = try files(dir)
    var checked = 0
    for (name, page) in pages where name.hasSuffix(".html") {
      let base = URL(fileURLWithPath: dir + "/" + name)
      for match in page.matches(of: /href="([^"]+)"/) {
        let href = String(match.1)
        if href.hasPrefix("http") { continue }
        let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let resolved = URL(string: String(parts[0]), relativeTo: base)?.absoluteURL.standardized.path ?? ""
        let file = parts[0].isEmpty ? name : String(resolved.dropFirst(dir.count + 1))
        let target = try #require(pages[file], "\(name): \(href) leads nowhere")
        if parts.count == 2 { #expect(target.contains("id=\"\(parts[1])\""), "\(name): \(href)") }
        checked += 1
      }
    }
    #expect(checked > 40)
  }

  @Test func aDocumentPageHighlightsEachFactWhereItWasRead() throws {
    var log = ReportLog()
    let text = "On 19 November in Luxembourg, 56 members met."
    let start = try #require(CalendarDate(iso: "2019-11-19"))
    let facts = Facts(
      extractor: "test", group: Stated("cifg", evidence: Evidence(range: 33..<40, quote: "members")),
      ordinal: Stated(12, evidence: Evidence(range: 33..<40, quote: "members")),
      start: Stated(start, evidence: Evidence(range: 3..<14, quote: "19 November")),
      city: Stated("Luxembourg", evidence: Evidence(range: 18..<28, quote: "Luxembourg")))
    let document = Document(
      source: "t", format: "text-dump", title: "T", published: CalendarDate(iso: "2019-11-20"),
      language: "en",
      isTranslation: false, text: text)
    log.append(.documentIngested(DocumentIngested(document: document, facts: facts)))
    let report = log.report()
    let entry = try #require(report.documents.first)
    let page = ReportSite(report).documentPage(entry, text: text)
    #expect(page.contains("On <mark id=\"t-\(entry.anchor.replacingOccurrences(of: "doc-", with: "ev-"))-"))
    #expect(page.contains("title=\"city: Luxembourg\">Luxembourg</mark>, 56 "))
    #expect(page.contains("title=\"start: 2019-11-19\">19 November</mark> in "))
    // The ordinal's range is the group's: it is listed, not marked twice.
    #expect(page.components(separatedBy: "<mark").count == 4)
  }

  @Test func untrustedTextIsEscapedOnEveryPage() throws {
    let dir = directory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try write(sample(), to: dir)
    for (name, page) in try files(dir) {
      #expect(!page.lowercased().contains("<script"), "\(name)")
      #expect(!page.contains("<b>Joint"), "\(name)")
    }
    let pages = try files(dir)
    // (The test log's quotes cover the first nine characters: they are marked.)
    #expect(pages.values.contains { $0.contains("alert(1)&lt;/script&gt; group met") })
  }

  @Test func anArabicDocumentsTextAndTitleAreRightToLeft() throws {
    let log = sample()
    let report = log.report()
    let arabic = try #require(report.documents.first { $0.record.language == "ar" })
    let page = ReportSite(report).documentPage(arabic, text: "في لوكسمبورغ")
    #expect(page.contains("<div class=\"text\" lang=\"ar\" dir=\"rtl\">"))
    #expect(page.contains("<h1 lang=\"ar\" dir=\"rtl\">البيان المشترك</h1>"))
  }

  @Test func theOverviewDoesNotGrowWithTheDocuments() {
    func overview(documents: Int) -> Int {
      var log = ReportLog()
      for i in 0..<documents {
        log.ingest(
          "release \(i)", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg",
          counts: [(56, .exact, .members)])
      }
      return ReportSite(log.report()).overview.utf8.count
    }
    let few = overview(documents: 3), many = overview(documents: 300)
    #expect(many - few < 200, "\(few) bytes for 3 documents, \(many) for 300")
  }

  @Test func aDirectoryHoldingOtherFilesIsRefusedAndLeftAsItWas() throws {
    let dir = directory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "mine".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
    #expect(throws: SiteWriteError<Never>.self) {
      try ReportSite.write(sample().report(), to: dir + "/", texts: { _ in [:] })
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["notes.txt"])
    #expect(!FileManager.default.fileExists(atPath: dir + ".partial-\(getpid())"))
  }

  @Test func aSiteWrittenAgainReplacesTheOldOneWhole() throws {
    let dir = directory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    _ = try write(sample(), to: dir)
    try "stale".write(toFile: dir + "/documents/stale.html", atomically: true, encoding: .utf8)
    _ = try write(sample(), to: dir)
    #expect(!FileManager.default.fileExists(atPath: dir + "/documents/stale.html"))
    #expect(FileManager.default.fileExists(atPath: dir + "/index.html"))
    #expect(!FileManager.default.fileExists(atPath: dir + ".old-\(getpid())"))
  }

  struct Unreadable: Error {}

  @Test func aTextThatCannotBeReadLeavesNoSiteBehind() throws {
    let dir = directory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(throws: SiteWriteError<Unreadable>.self) {
      try ReportSite.write(
        sample().report(), to: dir, texts: { (_: [SourceRecord]) throws(Unreadable) in throw Unreadable() })
    }
    #expect(!FileManager.default.fileExists(atPath: dir))
    #expect(!FileManager.default.fileExists(atPath: dir + ".partial-\(getpid())"))
  }

  @Test func aPathEndingInASlashOrADirectoryIsASiteAndALargeArchiveIsRefusedOnePage() {
    #expect(ReportTarget("site/", isDirectory: false) == .site("site/"))
    #expect(ReportTarget("site", isDirectory: true) == .site("site"))
    #expect(ReportTarget("report.html", isDirectory: false) == .page("report.html"))
    #expect(ReportTarget("-", isDirectory: false) == .standardOutput)
    let limit = ReportTarget.pageDocumentLimit
    #expect(ReportTarget.page("r.html").refusal(documents: limit) == nil)
    #expect(
      ReportTarget.page("out/r.html").refusal(documents: limit + 1)
        == "\(limit + 1) documents are too many for one page (the limit is \(limit)); write a site instead: "
        + "--out out/r/")
    #expect(ReportTarget.site("s/").refusal(documents: 50_000) == nil)
  }
}
