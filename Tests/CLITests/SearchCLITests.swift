import Domain
import Foundation
import JSONForm
import Testing

/// `communique search` run as a user runs it: JSON, CSV, the text on a terminal and in a pipe.
@Suite struct SearchCLITests {
  @Test func jsonGivesEachHitsFullIdDateMeetingAndHighlightedSnippet() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed", "Fixtures/revisions"]).status == 0)
    let run = try communique(archive, ["search", "\u{062A}\u{0645}\u{0648}\u{064A}\u{0644}", "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let json = try JSONParser.parse(run.stdout)
    #expect(json["total"] == .int(1))
    let hit = try #require(json["hits"]?.arrayValue?.first)
    guard case .string(let id)? = hit["document"], case .string(let snippet)? = hit["snippet"] else {
      Issue.record("no document or snippet in \(run.stdout)")
      return
    }
    #expect(id.hasPrefix("sha256:") && id.count == 71)
    #expect(hit["short"] == .string(String(id.dropFirst(7).prefix(12))))
    #expect(hit["published"] == .string("2019-11-20"))
    #expect(hit["meeting"] == .string("cifg-12"))
    #expect(hit["language"] == .string("ar"))
    let first = try #require(hit["highlights"]?.arrayValue?.first?.arrayValue)
    guard case .int(let start) = first[0], case .int(let end) = first[1] else {
      Issue.record("highlights are not offsets: \(first)")
      return
    }
    let marked = String(String.UnicodeScalarView(Array(snippet.unicodeScalars)[start..<end]))
    #expect(
      marked.unicodeScalars.filter { $0 != "\u{0640}" && !(0x064B...0x065F).contains($0.value) }.count >= 5)

    let english = try communique(archive, ["search", "manama", "--json", "--known-at", "2"])
    let hits = try JSONParser.parse(english.stdout)["hits"]?.arrayValue ?? []
    #expect(hits.count == 1)
    #expect(hits.first?["published"] == .string("2019-04-18"), "at seq 2 the first release stands")
  }

  @Test func csvHasAHeaderAndOneQuotedRowPerHit() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/revisions"]).status == 0)
    let run = try communique(archive, ["search", "front compan*", "--csv"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(lines.first == "rank,document,published,language,group,meeting,title,snippet")
    #expect(lines.count == 2)
    #expect(lines.last?.hasPrefix("1,sha256:") == true)
    #expect(lines.last?.contains(",2019-04-19,en,cifg,cifg-10,") == true, "\(run.stdout)")
  }

  @Test func aQueryWithoutWordsExits64AndBadOptionsAreRefused() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/revisions"]).status == 0)
    let empty = try communique(archive, ["search", "?!"])
    #expect(empty.status == 64)
    #expect(empty.stderr.contains("holds no word"))
    #expect(try communique(archive, ["search", "manama", "--limit", "0"]).status == 64)
    #expect(try communique(archive, ["search", "manama", "--json", "--csv"]).status == 64)
  }

  @Test func snippetsShowAnInputsControlCharactersOnATerminalAndInAPipe() throws {
    let archive = temporaryArchive()
    let folder = try TerminalInjectionTests.hostileInputs()
    defer {
      try? FileManager.default.removeItem(atPath: archive)
      try? FileManager.default.removeItem(atPath: folder)
    }
    _ = try communique(archive, ["ingest", folder])
    let piped = try communique(archive, ["search", "luxembourg"])
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout.contains("Luxembourg<U+001B>[8m"), "\(piped.stdout)")
    #expect(TerminalInjectionTests.active(piped.stdout).isEmpty)
    let csv = try communique(archive, ["search", "luxembourg", "--csv"])
    #expect(TerminalInjectionTests.active(csv.stdout.replacingOccurrences(of: "\r\n", with: "\n")).isEmpty)
    let bin = binary.path
    let terminal = try shell(
      "script -qec \"'\(bin)' --archive '\(archive)' search luxembourg\" /dev/null",
      environment: ["TERM": "xterm", "NO_COLOR": ""])
    #expect(terminal.stdout.contains("\u{1B}[1mLuxembourg\u{1B}[0m<U+001B>[8m"), "\(terminal.stdout)")
    // Only the highlighter's own SGR sequences are active.
    let stripped = terminal.stdout.replacingOccurrences(of: "\u{1B}[1m", with: "")
      .replacingOccurrences(of: "\u{1B}[0m", with: "").replacingOccurrences(of: "\u{1B}[36m", with: "")
      .replacingOccurrences(of: "\r\n", with: "\n")
    #expect(TerminalInjectionTests.active(stripped).isEmpty, "\(stripped)")
  }
}
