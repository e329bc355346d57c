import Domain
import Foundation
import Testing

@testable import Feeds

/// Hostile and broken inputs: refused fast, with a one-line error, never a crash.
@Suite struct HostileInputTests {
  @Test func entityBombIsRefusedFastKeepingEarlierItems() throws {
    // Speed is measured in tools/bench, not asserted here; the expansion budget bounds it.
    let reading = InputReader.read(try TestFiles.fixture("hostile/entity-bomb.xml"), source: "bomb.xml")
    #expect(reading.error?.problem.contains("entity bomb refused") == true)
    #expect(reading.error?.line == 18)
    #expect(reading.items.map(\.guid) == ["safe"])
  }

  @Test func externalEntityIsNeverRead() throws {
    let reading = InputReader.read(try TestFiles.fixture("hostile/external-entity.xml"), source: "xxe.xml")
    #expect(
      reading.error?.description
        == "xxe.xml:8: external entity &xxe; (file:///etc/hostname) refused: inputs never read files or URLs")
    #expect(reading.items.isEmpty)
  }

  @Test func hundredThousandLevelsOfNestingDoNotOverflowTheStack() {
    let depth = 100_000
    var xml = "<rss><channel><title>deep</title><item><title>t</title><description>"
    xml += String(repeating: "<div>", count: depth) + "x" + String(repeating: "</div>", count: depth)
    xml += "</description></item>" + String(repeating: "<n>", count: depth)
    let reading = InputReader.read(Array(xml.utf8), source: "deep.xml")
    #expect(reading.feed?.title == "deep")
    #expect(reading.items.first?.title == "t")
    #expect(reading.error?.problem.hasPrefix("malformed XML: unclosed tag <n>") == true)
    let html = String(repeating: "<div><p><b>", count: depth) + "y"
    #expect(InputReader.read(Array(html.utf8), source: "deep.html").items.first?.body == "y")
  }

  @Test func truncatedFeedKeepsItemsBeforeTheBreakAndNamesItsLine() throws {
    let reading = InputReader.read(try TestFiles.fixture("hostile/truncated.rss.xml"), source: "cut.xml")
    #expect(reading.items.count == 2)
    #expect(
      reading.error?.description
        == "cut.xml:27: malformed XML: unclosed tag <item> (opened at line 25); input ends inside <guid>")
  }

  @Test func invalidUTF8IsAnErrorNamingTheByte() throws {
    let reading = InputReader.read(try TestFiles.fixture("hostile/invalid-utf8.xml"), source: "bad.xml")
    #expect(
      reading.error?.description
        == "bad.xml:2: not UTF-8 (invalid byte at 77); if it is windows-1256 or another encoding, pass --encoding NAME"
    )
    #expect(reading.items.isEmpty)
  }

  @Test func binaryGarbageEmptyAndWhitespaceFilesAreClearErrors() throws {
    let garbage = InputReader.read(try TestFiles.fixture("hostile/binary-garbage.bin"), source: "g.bin")
    #expect(garbage.error?.description == "g.bin: binary data, not text (NUL byte at byte 8)")
    let empty = InputReader.read(try TestFiles.fixture("hostile/empty.xml"), source: "dump.txt")
    #expect(empty.error?.description == "dump.txt: empty file")
    let blank = InputReader.read(try TestFiles.fixture("hostile/whitespace-only.txt"), source: "w.txt")
    #expect(blank.error?.description == "w.txt: file holds only white space")
  }

  @Test func randomBytesNeverCrash() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<300 {
      let count = Int.random(in: 0..<400, using: &generator)
      var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      if Bool.random(using: &generator) { bytes = Array("<rss><channel><item><title>".utf8) + bytes }
      _ = InputReader.read(bytes, source: "r")
    }
  }
}
