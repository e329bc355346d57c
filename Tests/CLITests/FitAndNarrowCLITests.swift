import Foundation
import Testing

/// Output that fits the terminal, plain when piped; `--group`, `--since` and `--until`.
@Suite struct FitAndNarrowCLITests {
  /// An archive of the seed and the statements, shared by the read-only tests below.
  static let archive: String = {
    let path = temporaryArchive()
    _ = try? communique(path, ["ingest", "Fixtures/seed", "Fixtures/statements"])
    return path
  }()

  func width(_ line: Substring) -> Int {
    line.unicodeScalars.filter { !(0x2066...0x2069).contains($0.value) }.count
  }

  @Test func tablesFitColumnsCuttingPlacesAndChairsButNeverIdsOrDates() throws {
    let piped = try communique(Self.archive, ["timeline"])
    let lines = piped.stdout.split(separator: "\n")
    #expect((lines.map(width).max() ?? 0) > 90, "piped and without COLUMNS nothing is cut")
    #expect(!piped.stdout.contains("…"))
    // 90: the ids (25 columns), dates and counts take 84 with PLACE and CHAIRS at their headers.
    let fitted = try communique(Self.archive, ["timeline"], environment: ["COLUMNS": "90"])
    #expect(fitted.status == 0)
    let rows = fitted.stdout.split(separator: "\n")
    #expect(rows.allSatisfy { width($0) <= 90 }, "\(fitted.stdout)")
    #expect(fitted.stdout.contains("…"))
    #expect(rows.count == lines.count)
    for (cut, whole) in zip(rows, lines) {
      let id = whole.split(separator: " ").first ?? ""
      #expect(cut.hasPrefix(id + " ") || cut == whole, "the meeting id stays whole: \(cut)")
      #expect(cut.split(separator: " ").dropFirst().first == whole.split(separator: " ").dropFirst().first)
    }
    let wide = try communique(Self.archive, ["timeline", "--wide"], environment: ["COLUMNS": "90"])
    #expect(wide.stdout == piped.stdout, "--wide cuts nothing")
  }

  @Test func sparklinesAreCappedToTheWidthKeepingTheirLatestValues() throws {
    let piped = try communique(Self.archive, ["members"])
    let history = try #require(piped.stdout.components(separatedBy: "\n\n").last)
    let narrow = try communique(Self.archive, ["members"], environment: ["COLUMNS": "60"])
    let capped = try #require(narrow.stdout.components(separatedBy: "\n\n").last)
    let coalition = try #require(
      capped.split(separator: "\n").first { $0.hasPrefix("coalition       members") })
    #expect(coalition.contains("…▃") || coalition.contains("…"), "\(capped)")
    #expect(capped.count < history.count)
  }

  @Test func arabicIsIsolatedOnATerminalAndPlainWhenPiped() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    _ = try communique(archive, ["ingest", "Fixtures/seed"])
    let piped = try communique(archive, ["log"])
    #expect(piped.stdout.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }, "Arabic titles")
    #expect(!piped.stdout.unicodeScalars.contains { (0x2066...0x2069).contains($0.value) })
    let terminal = try shell(
      "script -qec \"'\(binary.path)' --archive '\(archive)' log --wide\" /dev/null",
      environment: ["TERM": "xterm", "NO_COLOR": "1"])
    #expect(terminal.stdout.unicodeScalars.contains("\u{2068}"))
  }

  @Test func showIndentsTheTextUnderItsKeyAsAYAMLBlock() throws {
    let show = try communique(Self.archive, ["show", "1"])
    #expect(show.status == 0)
    let lines = show.stdout.components(separatedBy: "\n")
    let key = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("text: |") })
    let indent = lines[key].prefix { $0 == " " }.count
    let next = lines[key + 1]
    #expect(next.prefix { $0 == " " }.count >= indent + 2, "\(next)")
  }

  @Test func groupSinceAndUntilNarrowTheViews() throws {
    let timeline = try communique(
      Self.archive, ["timeline", "--group", "cifg", "--since", "2019-01-01", "--until", "2019-12-31"])
    #expect(timeline.status == 0, "\(timeline.stderr)")
    let rows = timeline.stdout.split(separator: "\n").dropFirst()
    #expect(!rows.isEmpty)
    for row in rows {
      #expect(row.hasPrefix("cifg-"), "\(row)")
      #expect(row.contains(" 2019-"), "\(row)")
    }
    let members = try communique(Self.archive, ["members", "--group", "coalition", "--csv"])
    let records = members.stdout.split(separator: "\r\n").dropFirst()
    #expect(!records.isEmpty && records.allSatisfy { $0.hasPrefix("coalition,") })
    let themes = try communique(Self.archive, ["themes", "--since", "2030-01-01"])
    #expect(themes.stdout.split(separator: "\n").count == 1, "only the header: \(themes.stdout)")
    let conflicts = try communique(Self.archive, ["conflicts", "--group", "nosuch"])
    #expect(conflicts.status == 0)
    #expect(conflicts.stderr.contains("no meeting or count of group nosuch"), "\(conflicts.stderr)")
    let log = try communique(Self.archive, ["log", "--since", "2000-01-01", "--until", "2000-12-31"])
    #expect(log.status == 0 && log.stdout.split(separator: "\n").count <= 1, "\(log.stdout)")
  }

  @Test func narrowingACommandCannotHonourIsRefused() throws {
    for args in [
      ["log", "--group", "cifg"], ["timeline", "--since", "2019-13-01"],
      ["timeline", "--since", "2020-01-01", "--until", "2019-01-01"],
    ] {
      let run = try communique(Self.archive, args)
      #expect(run.status == 64, "\(args): \(run.stderr)")
      #expect(run.stderr.split(separator: "\n").count <= 3, "\(args): \(run.stderr)")
    }
  }
}
