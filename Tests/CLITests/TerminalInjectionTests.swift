import Domain
import Foundation
import JSONForm
import Testing

/// Text from inputs reaches the terminal with its control characters shown (`<U+001B>`),
/// never sent: a feed item cannot clear the screen, retitle the window, hide text or reverse
/// what `log` and `show` print; `--json` escapes them.
@Suite struct TerminalInjectionTests {
  /// Characters that act on a terminal or reorder a line: none may reach any output.
  static func active(_ text: String) -> [Unicode.Scalar] {
    text.unicodeScalars.filter { s in
      (s.value < 0x20 && s != "\n") || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
        || (0x2066...0x2069).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }
  }

  /// A folder with a text dump whose title and text carry escape sequences, a bell and a
  /// right-to-left override, and an empty file whose name carries an escape sequence.
  static func hostileInputs() throws -> String {
    let folder = temporaryPath("terminal-injection")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let title = "Joint Statement \u{1B}]0;pwned\u{07} on the \u{1B}[2J CIFG \u{202E}gninrael\u{202C} meeting"
    let body =
      "The Counter ISIS Finance Group met in Luxembourg\u{1B}[8m on November 19-20, 2019.\n"
      + "It was co-chaired by Italy, Saudi Arabia and the United States, with 56 members.\n"
    let dump = "rss\n\n\(title)\n\nEnglish English\n\nNovember 20, 2019\n\n\(body)"
    try Data(dump.utf8).write(to: URL(fileURLWithPath: folder + "/dump.txt"))
    try Data().write(to: URL(fileURLWithPath: folder + "/bad\u{1B}[2J\u{202E}name.xml"))
    return folder
  }

  @Test func noCommandSendsAnInputsControlCharactersToTheTerminal() throws {
    let archive = temporaryArchive()
    let folder = try Self.hostileInputs()
    defer {
      try? FileManager.default.removeItem(atPath: archive)
      try? FileManager.default.removeItem(atPath: folder)
    }
    let ingest = try communique(archive, ["ingest", "--verbose", folder])
    #expect(ingest.status == 65)
    #expect(ingest.stderr.contains("bad<U+001B>[2J<U+202E>name.xml: empty file"), "\(ingest.stderr)")
    let meeting = "cifg-2019-11-19"
    // A value holding controls is refused (and shown, not sent); a reason holding them is kept.
    let refused = try communique(
      archive, ["correct", meeting, "--set", "city=Ro\u{1B}[2Jme", "--reason", "evil\u{1B}]0;x\u{07}"])
    #expect(refused.status == 64)
    #expect(
      refused.stderr.contains("city=Ro<U+001B>[2Jme: holds the control character U+001B"), "\(refused.stderr)"
    )
    let correct = try communique(
      archive, ["correct", meeting, "--set", "city=Rome", "--reason", "evil\u{1B}]0;x\u{07}"])
    #expect(correct.status == 0, "\(correct.stderr)")
    var runs = [("ingest", ingest), ("correct refused", refused), ("correct", correct)]
    for args in [
      ["log"], ["show", "1"], ["show", "2"], ["timeline"], ["members"], ["themes"],
      ["diff", "seq:1", "head"],
      ["blame", meeting], ["replay", "--to", "2020-01-01", "--events"], ["log", "--as-of", "\u{1B}[2J"],
      ["show", "\u{1B}[2J"], ["blame", "\u{1B}]0;x\u{07}"],
    ] {
      runs.append((args.joined(separator: " "), try communique(archive, args)))
    }
    for (name, run) in runs {
      #expect(Self.active(run.stdout).isEmpty, "\(name) stdout: \(Self.active(run.stdout))")
      #expect(Self.active(run.stderr).isEmpty, "\(name) stderr: \(Self.active(run.stderr))")
    }
    let log = try #require(runs.first { $0.0 == "log" }?.1.stdout)
    #expect(log.contains("<U+001B>]0;pwned<U+0007> on the <U+001B>[2J CIFG <U+202E>gninrael<U+202C> meeting"))
    let show = try #require(runs.first { $0.0 == "show 1" }?.1.stdout)
    #expect(
      show.contains("Luxembourg<U+001B>[8m on November 19-20, 2019.\n      It was"),
      "the text keeps its lines, indented under its key")
    let diff = try #require(runs.first { $0.0 == "diff seq:1 head" }?.1.stdout)
    #expect(diff.contains("city: Luxembourg → Rome"))
    let usage = try #require(runs.first { $0.0.hasPrefix("log --as-of") }?.1)
    #expect(usage.stderr.contains("--as-of <U+001B>[2J is not a YYYY-MM-DD date"), "\(usage.stderr)")
  }

  @Test func jsonOutputEscapesControlAndBidiCharacters() throws {
    let archive = temporaryArchive()
    let folder = try Self.hostileInputs()
    defer {
      try? FileManager.default.removeItem(atPath: archive)
      try? FileManager.default.removeItem(atPath: folder)
    }
    _ = try communique(archive, ["ingest", folder])
    for args in [["log", "--json"], ["show", "1", "--json"], ["timeline", "--json"]] {
      let run = try communique(archive, args)
      #expect(run.status == 0)
      #expect(Self.active(run.stdout).isEmpty, "\(args): \(Self.active(run.stdout))")
      #expect(try JSONParser.parse(run.stdout) != .null)
    }
    let log = try JSONParser.parse(try communique(archive, ["log", "--json"]).stdout)
    #expect(log["events"]?.arrayValue?.first?["summary"]?.stringValue?.contains("\u{202E}gninrael") == true)
  }
}
