import Domain
import Foundation
import JSONForm
import Testing

/// Runs a shell command line from the package root and collects what it printed.
func shell(_ command: String, environment: [String: String] = [:]) throws -> Run {
  try execute("/bin/sh", ["-c", command], environment: environment)
}

/// Whether a Chromium the render check can drive is installed.
let chromiumInstalled = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].contains
{
  FileManager.default.isExecutableFile(atPath: $0)
}

@Suite struct ReportAndTerminalCLITests {
  static let commands = [
    "ingest", "timeline", "members", "themes", "replay", "diff", "correct", "retract", "reextract", "blame",
    "log", "show", "verify", "export", "import", "report", "follow",
  ]

  @Test(arguments: commands)
  func everyCommandsHelpHasExamplesThatFitOnALine(_ command: String) throws {
    let help = try communique(temporaryArchive(), ["help", command])
    #expect(help.status == 0)
    let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    let start = try #require(lines.firstIndex(of: "Examples:"), "\(command) --help has no examples")
    let examples = lines[(start + 1)...].prefix { !$0.isEmpty }
    #expect(!examples.isEmpty)
    for line in examples {
      #expect(
        line.hasPrefix("  ") && line.contains("communique") && line.contains(command), "\(command): \(line)")
    }
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScriptsKnowEveryCommand(_ shell: String) throws {
    let run = try communique(temporaryArchive(), ["--generate-completion-script", shell])
    #expect(run.status == 0)
    for command in Self.commands { #expect(run.stdout.contains(command), "\(shell): \(command)") }
  }

  /// An archive holding the fixtures, for the read commands below.
  func fixtures() throws -> String {
    let archive = temporaryArchive()
    let ingest = try communique(
      archive, ["ingest", "--quiet", "Fixtures/seed", "Fixtures/labeled", "Fixtures/feeds"])
    #expect(ingest.status == 0 || ingest.status == 65, "\(ingest.stderr)")
    return archive
  }

  @Test func reportWritesOneSelfContainedPageWithItsCharts() throws {
    let archive = try fixtures()
    let page = archive + "/report.html"
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["report", "--out", page, "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let summary = try JSONParser.parse(run.stdout)
    #expect(summary["out"] == .string(page))
    #expect((summary["meetings"]?.intValue ?? 0) > 10)
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<svg class=\"chart timeline\""))
    #expect(html.contains("<svg class=\"chart steps\""))
    #expect(html.contains("<svg class=\"chart bars\""))
    #expect(html.contains("lang=\"ar\""))
    #expect(!html.contains("<script"))
  }

  @Test func reportAsOfADateLeavesOutLaterMeetings() throws {
    let archive = try fixtures()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["report", "--out", "-", "--as-of", "2019-12-31"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("id=\"m-cifg-12\""))
    #expect(!run.stdout.contains("id=\"m-cifg-13\""))
    #expect(run.stdout.contains("on 2019-12-31"))
  }

  @Test func reportRefusesJSONAndThePageOnStdoutTogether() throws {
    let run = try communique(temporaryArchive(), ["report", "--out", "-", "--json"])
    #expect(run.status == 64)
  }

  @Test(
    .enabled(
      if: chromiumInstalled,
      "chromium is not installed: the browser check of the report is skipped (tools/setup --browser installs it)"
    ))
  func theReportRendersInARealBrowserWithItsChartsDrawn() throws {
    let archive = try fixtures()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let page = archive + "/report.html"
    #expect(try communique(archive, ["report", "--out", page]).status == 0)
    let drawn = try shell("tools/render-report '\(page)'")
    #expect(drawn.status == 0, "\(drawn.stdout)\(drawn.stderr)")
    #expect(drawn.stdout.contains("timeline.png") && drawn.stdout.contains("themes.png"))

    // The check is not blind: a page without charts fails it.
    let empty = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: empty) }
    let blank = empty + ".html"
    defer { try? FileManager.default.removeItem(atPath: blank) }
    _ = try communique(empty, ["ingest", "--quiet", "Fixtures/seed"])
    #expect(try communique(empty, ["report", "--out", blank]).status == 0)
    let withoutThemes = try String(contentsOfFile: blank, encoding: .utf8)
      .replacingOccurrences(of: "<svg class=\"chart bars\"", with: "<svg style=\"display:none\"")
    try withoutThemes.write(toFile: blank, atomically: true, encoding: .utf8)
    let failed = try shell("tools/render-report '\(blank)'")
    #expect(failed.status == 1, "\(failed.stdout)")
    #expect(failed.stdout.contains("BLANK"))
  }

  @Test func reportWritesASiteIntoADirectoryAndSaysWhatItWrote() throws {
    let archive = try fixtures()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let site = archive + "/site/"
    let run = try communique(archive, ["report", "--out", site, "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    let summary = try JSONParser.parse(run.stdout)
    #expect((summary["pages"]?.intValue ?? 0) > 50)
    #expect((summary["largestBytes"]?.intValue ?? 0) > 1000)
    for page in ["index.html", "style.css", "documents/index.html", "meetings/cifg-12.html"] {
      #expect(FileManager.default.fileExists(atPath: site + page), "\(page)")
    }
    let again = try communique(archive, ["report", "--out", archive + "/site"])
    #expect(again.status == 0, "an existing site is replaced: \(again.stderr)")
    #expect(again.stdout.hasPrefix("wrote ") && again.stdout.contains(" pages, "))
    // Sizes as people read them, not raw bytes.
    #expect(again.stdout.contains(" KiB") && !again.stdout.contains(" bytes"), "\(again.stdout)")
    let single = try communique(archive, ["report", "--out", archive + "/one.html"])
    #expect(single.status == 0 && single.stdout.hasSuffix(" KiB\n"), "\(single.stdout)")
  }

  @Test func reportRefusesADirectoryThatHoldsOtherFilesInOneLine() throws {
    let archive = try fixtures()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["report", "--out", "Fixtures/"])
    #expect(run.status == 64)
    #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains("Fixtures"), "\(run.stderr)")
  }

  @Test(
    .enabled(
      if: chromiumInstalled,
      "chromium is not installed: the browser check of the report site is skipped (tools/setup --browser)"
    ))
  func theSiteRendersInARealBrowserOnADesktopAndAPhone() throws {
    let corpus = temporaryPath("site-corpus")
    let archive = temporaryArchive()
    defer {
      try? FileManager.default.removeItem(atPath: corpus)
      try? FileManager.default.removeItem(atPath: archive)
    }
    let generated = try shell("tools/gen-corpus '\(corpus)' --documents 400 --per-feed 100")
    #expect(generated.status == 0, "\(generated.stderr)")
    let ingest = try communique(archive, ["ingest", "--quiet", corpus, "Fixtures/seed"])
    #expect(ingest.status == 0 || ingest.status == 65, "\(ingest.stderr)")
    #expect(try communique(archive, ["report", "--out", archive + "/site/"]).status == 0)
    let checked = try shell("tools/render-site '\(archive)/site'")
    #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    #expect(checked.stdout.components(separatedBy: "no horizontal overflow").count == 5, "\(checked.stdout)")
    #expect(checked.stdout.contains("right to left"), "\(checked.stdout)")

    // The check is not blind: a page wider than a phone fails it.
    let index = archive + "/site/index.html"
    let wide = try String(contentsOfFile: index, encoding: .utf8)
      .replacingOccurrences(of: "<body>", with: "<body><div style=\"width:700px\">wide</div>")
    try wide.write(toFile: index, atomically: true, encoding: .utf8)
    let failed = try shell("tools/render-site '\(archive)/site'")
    #expect(
      failed.status == 1 && failed.stdout.contains("index.html at 390 px: OVERFLOW"), "\(failed.stdout)")
  }

  @Test func membersEndsWithASparklineOfEachSeries() throws {
    let archive = try fixtures()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["members"])
    #expect(run.status == 0)
    let history = run.stdout.split(separator: "\n").filter { $0.hasPrefix("cifg") && $0.contains("members ") }
    let line = try #require(history.last { $0.contains("▁") }, "\(run.stdout)")
    #expect(line.contains("█"))
  }

  @Test func pipedOutputHasNoColourAndATerminalGetsItUnlessNoColour() throws {
    let archive = try fixtures()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let piped = try communique(archive, ["timeline"])
    #expect(!piped.stdout.contains("\u{1B}["))
    let bin = binary.path
    let terminal = try shell(
      "script -qec \"'\(bin)' --archive '\(archive)' timeline\" /dev/null",
      environment: ["TERM": "xterm", "NO_COLOR": ""])
    #expect(terminal.stdout.contains("\u{1B}[1m"), "the header is bold on a terminal")
    let noColour = try shell(
      "script -qec \"'\(bin)' --archive '\(archive)' timeline\" /dev/null",
      environment: ["TERM": "xterm", "NO_COLOR": "1"])
    #expect(!noColour.stdout.contains("\u{1B}["))
    #expect(noColour.stdout.contains("cifg-12"))
  }

  @Test func arabicTitlesInTheLogAreIsolatedSoColumnsKeepTheirOrder() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    _ = try communique(archive, ["ingest", "Fixtures/seed"])
    let log = try communique(archive, ["log"])
    let terminal = try shell(
      "script -qec \"'\(binary.path)' --archive '\(archive)' log --wide\" /dev/null",
      environment: ["TERM": "xterm", "NO_COLOR": "1"])
    let row = try #require(terminal.stdout.split(separator: "\r\n").dropFirst().first)
    #expect(row.unicodeScalars.contains("\u{2068}") && row.unicodeScalars.last == "\u{2069}", "\(row)")
    #expect(!log.stdout.unicodeScalars.contains("\u{2068}"), "piped: no isolation marks")
  }

  @Test func ingestVerboseListsEachDocumentAndQuietExcludesIt() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let verbose = try communique(archive, ["ingest", "--verbose", "Fixtures/seed"])
    #expect(verbose.status == 0)
    #expect(verbose.stdout.contains("STATUS") && verbose.stdout.contains("cifg-12"))
    #expect(!verbose.stderr.contains("ingest: "), "no progress when stderr is not a terminal")
    let both = try communique(archive, ["ingest", "--quiet", "--verbose", "Fixtures/seed"])
    #expect(both.status == 64)
    let quiet = try communique(archive, ["ingest", "--quiet", "Fixtures/seed"])
    #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty)
  }
}
