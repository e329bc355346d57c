import Domain
import Foundation
import JSONForm
import Testing

/// The history commands end to end through the built binary: correct, retract, replay,
/// diff and blame.
@Suite struct HistoryCommandTests {
  @Test func aCorrectionShowsInTheTimelineTheDiffAndTheBlame() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    _ = try communique(archive, ["ingest", "Fixtures/seed"])
    let correct = try communique(
      archive,
      ["correct", "cifg-12", "--set", "city=Brussels", "--set", "country=be", "--reason", "test", "--json"])
    #expect(correct.status == 0, "\(correct.stderr)")
    #expect(try JSONParser.parse(correct.stdout)["seq"] == .int(2))

    let diff = try communique(archive, ["diff", "seq:1", "head", "--json"])
    let changed = try #require(try JSONParser.parse(diff.stdout)["meetings"]?["changed"]?.arrayValue)
    let city = try #require(changed.first { $0["field"] == .string("city") })
    #expect(city["id"] == .string("cifg-12"))
    #expect(city["from"] == .string("Luxembourg"))
    #expect(city["to"] == .string("Brussels"))

    let blame = try communique(archive, ["blame", "cifg-12"])
    #expect(blame.stdout.contains("* seq 2 fact.corrected: Brussels — test"))

    let text = try communique(archive, ["diff", "seq:1", "head"])
    #expect(text.stdout.contains("~ cifg-12 city: Luxembourg → Brussels"))
  }

  @Test func aRefusedCorrectionExits64AndAppendsNothing() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    _ = try communique(archive, ["ingest", "Fixtures/seed"])
    let run = try communique(archive, ["correct", "cifg-12", "--set", "start=2019-13-01", "--reason", "x"])
    #expect(run.status == 64)
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(run.stderr.contains("start=2019-13-01"))
    let missingReason = try communique(archive, ["correct", "cifg-12", "--set", "city=Rome"])
    #expect(missingReason.status == 64)
    let log = try communique(archive, ["log", "--json"])
    #expect(try JSONParser.parse(log.stdout)["events"]?.arrayValue?.count == 1)
  }

  @Test func replayToADateBeforeTheMeetingIsEmptyAndItsHashIsStable() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    _ = try communique(archive, ["ingest", "Fixtures/seed"])
    let before = try communique(archive, ["replay", "--to", "2019-01-01", "--json"])
    #expect(try JSONParser.parse(before.stdout)["meetings"]?.arrayValue?.isEmpty == true)
    let after = try communique(archive, ["replay", "--to", "2019-12-31", "--json"])
    let json = try JSONParser.parse(after.stdout)
    #expect(json["meetings"]?.arrayValue?.count == 1)
    let hash = try communique(archive, ["replay", "--to", "2019-12-31", "--hash"])
    #expect(hash.stdout == (json["hash"]?.stringValue ?? "") + "\n")
    let events = try communique(archive, ["replay", "--to", "2019-12-31", "--events"])
    #expect(events.stdout.contains("+ cifg-12 2019-11-19 Luxembourg, LU"))
  }

  @Test func retractRemovesTheDocumentAndABadStateSpecIsAUsageError() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    _ = try communique(archive, ["ingest", "Fixtures/seed"])
    let log = try JSONParser.parse(try communique(archive, ["log", "--json"]).stdout)
    let summary = try #require(log["events"]?.arrayValue?.first?["summary"]?.stringValue)
    let prefix = "sha256:" + summary.prefix(12)
    let retract = try communique(archive, ["retract", prefix, "--reason", "test"])
    #expect(retract.status == 0, "\(retract.stderr)")
    let timeline = try communique(archive, ["timeline", "--json"])
    #expect(try JSONParser.parse(timeline.stdout)["meetings"]?.arrayValue?.isEmpty == true)
    let bad = try communique(archive, ["diff", "seq:x", "head"])
    #expect(bad.status == 64)
  }
}

@Suite struct ShowKnownAtTests {
  @Test func showRefusesAnEventRecordedAfterTheKnownAtPoint() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    _ = try communique(archive, ["ingest", "Fixtures/seed"])
    _ = try communique(archive, ["correct", "cifg-12", "--set", "city=Rome", "--reason", "x"])
    #expect(try communique(archive, ["show", "2", "--known-at", "2"]).status == 0)
    let refused = try communique(archive, ["show", "2", "--known-at", "1"])
    #expect(refused.status == 64)
    #expect(refused.stderr.contains("recorded after seq:1"))
    #expect(try communique(archive, ["show", "1", "--as-of", "2020-01-01"]).status == 64)
  }
}
