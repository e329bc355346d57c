import Domain
import Foundation
import JSONForm
import Testing

/// The command line as people use it: ids pasted back from what a command printed.
@Suite struct EverydayCLITests {
  @Test func theShortIdsTablesPrintPasteBackIntoShowBlameProveAndRetract() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed"]).status == 0)
    let members = try communique(archive, ["members", "--json"])
    let document = try #require(
      try JSONParser.parse(members.stdout)["series"]?.arrayValue?.first?["document"])
    guard case .string(let id) = document else { throw CocoaError(.coderInvalidValue) }
    // The 12 digits the tables print.
    let short = String(id.dropFirst("sha256:".count).prefix(12))
    for args in [
      ["show", short], ["show", "sha256:" + short.prefix(8)], ["blame", short], ["prove", short],
    ] {
      let run = try communique(archive, args)
      #expect(run.status == 0, "\(args): \(run.stderr)")
    }
    let tooShort = try communique(archive, ["show", String(short.prefix(6))])
    #expect(tooShort.status == 64)
    #expect(tooShort.stderr.contains("too short for a document id (at least 8 hex digits)"))
    let retract = try communique(archive, ["retract", short, "--reason", "a duplicate"])
    #expect(retract.status == 0, "\(retract.stderr)")
    let help = try communique(archive, ["show", "--help"])
    #expect(!help.stdout.contains("sha256:9f2c41d0"))
  }

  @Test func aMergedMeetingAnswersToItsFormerIdAndCountTargetsNameTheirKind() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed", "Fixtures/statements"]).status == 0)
    let blame = try communique(archive, ["blame", "cifg-2019-11-19"])
    #expect(blame.status == 0, "\(blame.stderr)")
    #expect(blame.stdout.hasPrefix("meeting cifg-12"))
    let count = try communique(archive, ["blame", "members/cifg/2019-11-20"])
    #expect(count.stdout.hasPrefix("count members/cifg/2019-11-20/members"))
    let ambiguous = try communique(archive, ["blame", "count/cifg/2019-11-20"])
    #expect(ambiguous.status == 64)
    #expect(ambiguous.stderr.contains("series (members, members_and_observers): add the kind"))
  }

  @Test func conflictsListsValuesAndSourcesAndACorrectionSettlesWhileARevertLeaves() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed", "Fixtures/statements"]).status == 0)
    func open() throws -> [JSONValue] {
      let run = try communique(archive, ["conflicts", "--open", "--json"])
      #expect(run.status == 0, "\(run.stderr)")
      return try JSONParser.parse(run.stdout)["conflicts"]?.arrayValue ?? []
    }
    let before = try open()
    let chairs = try #require(
      before.first { $0["target"] == .string("cifg-9") && $0["field"] == .string("chairs") })
    #expect(chairs["values"]?.arrayValue?.count == 2)
    #expect(chairs["settled"] == .null)
    let correct = try communique(
      archive, ["correct", "cifg-9", "--set", "chairs=IT,SA,US", "--reason", "co-chaired; Jordan hosted"])
    #expect(correct.status == 0, "\(correct.stderr)")
    #expect(try open().count == before.count - 1)
    let all = try communique(archive, ["conflicts"])
    #expect(all.stdout.contains("cifg-9 chairs = IT,SA,US  settled by seq "))
    #expect(all.stdout.contains(": co-chaired; Jordan hosted"))
    // A wrong correction and its revert leave no conflict behind.
    let wrong = try communique(
      archive, ["correct", "cifg-12", "--set", "city=Brussels", "--reason", "wrong", "--json"])
    let seq = try #require(try JSONParser.parse(wrong.stdout)["seq"])
    let revert = try communique(
      archive, ["correct", "--revert", seq.serialized, "--reason", "the original was right"])
    #expect(revert.status == 0, "\(revert.stderr)")
    let timeline = try communique(archive, ["timeline", "--json"])
    let meeting = try JSONParser.parse(timeline.stdout)["meetings"]?.arrayValue?.first {
      $0["id"] == .string("cifg-12")
    }
    #expect(meeting?["conflicts"]?.arrayValue?.contains { $0["field"] == .string("city") } == false)
  }

  @Test func aCorrectionThatWouldEndAMeetingBeforeItStartsIsRefused() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed"]).status == 0)
    let run = try communique(
      archive, ["correct", "cifg-12", "--set", "start=2019-11-25", "--reason", "typo"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("cifg-12 would start on 2019-11-25 after it ends on 2019-11-20"))
    #expect(try eventCount(archive) == 1)
  }

  @Test func aMistypedCommandGetsASuggestionHelpOfNoCommandExits64AndVersionPrints() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let typo = try communique(archive, ["timelin"])
    #expect(typo.status == 64)
    #expect(
      typo.stderr
        == "communique: no command 'timelin'; did you mean 'timeline'? ('communique --help' lists them)\n")
    let help = try communique(archive, ["help", "nosuch"])
    #expect(help.status == 64)
    #expect(help.stderr.contains("no command to help with 'nosuch'"))
    #expect(try communique(archive, ["help", "conflicts"]).status == 0)
    let version = try communique(archive, ["--version"])
    #expect(version.status == 0)
    #expect(version.stdout.hasPrefix("communique "))
  }

  @Test func anUnreadableInputIsOneLineWithoutFoundationsErrorText() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["ingest", "--dry-run", "/proc/self/mem"])
    #expect(run.status == 65)
    #expect(run.stderr.contains("/proc/self/mem: cannot be read: "))
    #expect(!run.stderr.contains("NSCocoaErrorDomain"))
    #expect(!run.stderr.contains("The operation could not be completed"))
  }

  @Test func logNarrowsByTypeAndLimitRefusesAsOfAndReplayTakesAsOf() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed", "Fixtures/feeds"]).status == 0)
    let asOf = try communique(archive, ["log", "--as-of", "2019-12-31"])
    #expect(asOf.status == 64)
    #expect(asOf.stderr.contains("--as-of does not apply to log"))
    let limited = try communique(archive, ["log", "--type", "document", "--limit", "2", "--json"])
    #expect(limited.status == 0, "\(limited.stderr)")
    #expect(try JSONParser.parse(limited.stdout)["events"]?.arrayValue?.count == 2)
    #expect(try communique(archive, ["log", "--type", "nosuch"]).status == 64)
    let replay = try communique(archive, ["replay", "--as-of", "2019-12-31", "--hash"])
    #expect(replay.status == 0)
    #expect(replay.stdout == (try communique(archive, ["replay", "--to", "2019-12-31", "--hash"])).stdout)
    let early = try communique(archive, ["timeline", "--known-at", "2001-01-01T00:00:00Z"])
    #expect(early.status == 0)
    #expect(early.stderr.contains("is before the archive's first event"))
  }

  @Test func csvOnTheTableCommandsIsOneRecordPerRowWithCRLFAndRefusedWithJSON() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed", "Fixtures/statements"]).status == 0)
    let timeline = try communique(archive, ["timeline", "--csv"])
    #expect(timeline.status == 0, "\(timeline.stderr)")
    #expect(
      timeline.stdout.hasPrefix(
        "id,group,ordinal,start,end,city,country,virtual,chairs,themes,sources,conflicts\r\n"))
    let meetings = try JSONParser.parse(try communique(archive, ["timeline", "--json"]).stdout)["meetings"]?
      .arrayValue
    #expect(timeline.stdout.components(separatedBy: "\r\n").count - 2 == meetings?.count)
    #expect(!timeline.stdout.unicodeScalars.contains { (0x2066...0x2069).contains($0.value) })
    for command in [["members"], ["themes"], ["log"], ["conflicts", "--open"]] {
      let run = try communique(archive, command + ["--csv"])
      #expect(run.status == 0, "\(command): \(run.stderr)")
      #expect(run.stdout.hasSuffix("\r\n"), "\(command)")
    }
    #expect(try communique(archive, ["members", "--csv", "--json"]).status == 64)
  }
}
