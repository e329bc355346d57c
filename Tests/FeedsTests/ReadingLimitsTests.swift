import Testing

@testable import Feeds

/// An input with more items or more markup than the reading limits stops at the limit, named
/// with its line, and keeps what was read before it.
@Suite struct ReadingLimitsTests {
  static func rss(items: Int) -> [UInt8] {
    var xml = "<rss version=\"2.0\"><channel><title>t</title>\n"
    for index in 0..<items { xml += "<item><guid>g\(index)</guid><title>Item \(index)</title></item>\n" }
    return Array((xml + "</channel></rss>\n").utf8)
  }

  @Test func aFeedWithMoreItemsThanTheLimitStopsAtItKeepingTheItemsBefore() {
    let limits = ReadingLimits(items: 3, markupNodes: 1_000)
    let reading = InputReader.read(Self.rss(items: 5), source: "many.xml", limits: limits)
    #expect(reading.items.map(\.guid) == ["g0", "g1", "g2"])
    #expect(
      reading.error?.description
        == "many.xml:5: more than 3 items, the limit per input; the first 3 were read; split it")
  }

  @Test func anAtomFeedWithMoreEntriesThanTheLimitStopsAtIt() {
    var xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
    for index in 0..<4 { xml += "<entry><id>e\(index)</id><title>E</title></entry>" }
    let reading = InputReader.read(
      Array((xml + "</feed>").utf8), source: "a.xml", limits: ReadingLimits(items: 2, markupNodes: 1_000))
    #expect(reading.items.map(\.guid) == ["e0", "e1"])
    #expect(reading.error?.problem.hasPrefix("more than 2 items, the limit per input") == true)
  }

  @Test func aFeedAtTheItemLimitIsReadWhole() {
    let reading = InputReader.read(
      Self.rss(items: 3), source: "ok.xml", limits: ReadingLimits(items: 3, markupNodes: 1_000))
    #expect(reading.items.count == 3)
    #expect(reading.error == nil)
  }

  @Test func markupPastTheNodeLimitStopsTheTreeWithTheLimitNamed() {
    // Nodes: the document, rss, channel, title, its text and a line end (6), then 6 an item.
    let reading = InputReader.read(
      Self.rss(items: 10), source: "deep.xml", limits: ReadingLimits(items: 100, markupNodes: 20))
    #expect(reading.items.map(\.guid) == ["g0", "g1"])
    #expect(
      reading.error?.description
        == "deep.xml:4: more than 20 elements and texts, the limit per input; read up to here; split it")
  }

  @Test func anHTMLPagePastTheNodeLimitSaysSo() {
    let html =
      "<html><body><main><p>One.</p>" + String(repeating: "<p>x</p>", count: 50) + "</main></body></html>"
    let reading = InputReader.read(
      Array(html.utf8), source: "page.html", limits: ReadingLimits(items: 100, markupNodes: 30))
    #expect(reading.items.count == 1)
    #expect(reading.error?.problem.hasPrefix("more than 30 elements and texts") == true)
  }
}
