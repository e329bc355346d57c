import Domain
import Foundation
import JSONForm
import Testing

/// The built `communique` binary, beside the test bundle in the build products directory.
let binary: URL = {
  var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  while dir.path != "/" {
    let candidate = dir.appendingPathComponent("communique")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    dir.deleteLastPathComponent()
  }
  return URL(fileURLWithPath: "communique")
}()

let root: URL = {
  var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
  while url.path != "/"
    && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path)
  {
    url.deleteLastPathComponent()
  }
  return url
}()

struct Run {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs `communique --archive ARCHIVE ARGS…` and collects what it printed.
func communique(
  _ archive: String, _ args: [String], environment: [String: String] = [:], stdin: Data? = nil
) throws -> Run {
  try execute(binary.path, ["--archive", archive] + args, environment: environment, stdin: stdin)
}

func temporaryArchive() -> String { NSTemporaryDirectory() + "communique-cli-" + UUID().uuidString }

@Suite struct CLITests {
  @Test func theSeedEndToEndGivesTheContractsTimelineAndMembers() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let ingest = try communique(archive, ["ingest", "Fixtures/seed"])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    #expect(ingest.stdout.contains("1 new"))

    let timeline = try communique(archive, ["timeline", "--json"])
    #expect(timeline.status == 0)
    let meeting = try #require(try JSONParser.parse(timeline.stdout)["meetings"]?.arrayValue?.first)
    #expect(meeting["id"] == .string("cifg-12"))
    #expect(meeting["city"] == .string("Luxembourg"))
    #expect(meeting["country"] == .string("LU"))
    #expect(meeting["start"] == .string("2019-11-19"))
    #expect(meeting["end"] == .string("2019-11-20"))
    #expect(meeting["chairs"] == .array([.string("IT"), .string("SA"), .string("US")]))
    #expect(meeting["sources"]?.arrayValue?.first?["language"] == .string("ar"))

    let members = try communique(archive, ["members", "--json"])
    let point = try #require(try JSONParser.parse(members.stdout)["series"]?.arrayValue?.first)
    #expect(point["group"] == .string("cifg"))
    #expect(point["date"] == .string("2019-11-20"))
    #expect(point["value"] == .int(56))
    #expect(point["qualifier"] == .string("exact"))
    #expect(point["counts"] == .string("members"))

    let themes = try communique(archive, ["themes", "--json"])
    let ids = try JSONParser.parse(themes.stdout)["themes"]?.arrayValue?.compactMap {
      $0["theme"]?.stringValue
    }
    #expect(ids?.contains("virtual-assets") == true)
    #expect(ids?.contains("antiquities") == true)
  }

  @Test func ingestingTheSeedTwiceLeavesOneEventAndVerifies() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    _ = try communique(archive, ["ingest", "Fixtures/seed"])
    let again = try communique(archive, ["ingest", "Fixtures/seed"])
    #expect(again.stdout.contains("0 new, 1 duplicate"))
    let log = try communique(archive, ["log", "--json"])
    #expect(try JSONParser.parse(log.stdout)["events"]?.arrayValue?.count == 1)
    let verify = try communique(archive, ["verify"])
    #expect(verify.status == 0)
  }

  @Test func exportImportExportThroughTheCommandLineIsByteIdentical() throws {
    let a = temporaryArchive()
    let b = temporaryArchive()
    defer {
      try? FileManager.default.removeItem(atPath: a)
      try? FileManager.default.removeItem(atPath: b)
    }
    _ = try communique(a, ["ingest", "Fixtures/seed"])
    let first = try communique(a, ["export"])
    let imported = try communique(b, ["import", "-"], stdin: Data(first.stdout.utf8))
    #expect(imported.status == 0, "\(imported.stderr)")
    let second = try communique(b, ["export"])
    #expect(second.stdout == first.stdout)
    #expect(!first.stdout.isEmpty)
  }

  @Test func anExportWithoutItsTextDictionaryIsRefusedByImportNamingIt() throws {
    let a = temporaryArchive()
    let b = temporaryArchive()
    let corpus = temporaryArchive()
    defer {
      for path in [a, b, corpus] { try? FileManager.default.removeItem(atPath: path) }
    }
    let generated = Process()
    generated.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    generated.arguments = ["tools/gen-corpus", corpus, "--documents", "700"]
    generated.standardOutput = FileHandle.nullDevice
    try generated.run()
    generated.waitUntilExit()
    #expect(try communique(a, ["ingest", "-q", corpus]).status == 0)
    let exported = try communique(a, ["export"]).stdout
    #expect(exported.contains("\"textDictionary\":"))
    // Each process knows only the dictionaries of the archives it opened: this one, none.
    let stripped = exported.replacingOccurrences(
      of: #","textDictionary":"[^"]*""#, with: "", options: .regularExpression)
    let imported = try communique(b, ["import", "-"], stdin: Data(stripped.utf8))
    #expect(imported.status == 65)
    #expect(imported.stderr.contains("-:1: textFrame is compressed against dictionary"))
    #expect(try communique(b, ["import", "-"], stdin: Data(exported.utf8)).status == 0)
  }

  @Test func theSameCorrectionTwiceAppendsOnceAndSaysSoTheSecondTime() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    #expect(try communique(archive, ["ingest", "Fixtures/seed"]).status == 0)
    let args = ["correct", "cifg-12", "--set", "city=Brussels", "--reason", "the minutes"]
    #expect(try communique(archive, args).stdout.hasPrefix("appended seq 2: "))
    let again = try communique(archive, args)
    #expect(again.status == 0)
    #expect(again.stdout.hasPrefix("nothing appended: seq 2 already made this correction"), "\(again.stdout)")
    let json = try JSONParser.parse(try communique(archive, args + ["--json"]).stdout)
    #expect(json["appended"] == .bool(false))
    #expect(json["seq"] == .int(2))
    #expect(try eventCount(archive) == 2)
  }

  @Test func aFailedImportLeavesNoArchiveBehindWhereThereWasNone() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["import", "-"], stdin: Data("{\"seq\":1}\n".utf8))
    #expect(run.status == 65, "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: archive))
  }

  @Test func aMissingInputExits66WithOneLineNamingIt() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["ingest", "no/such/feed.xml"])
    #expect(run.status == 66)
    let lines = run.stderr.split(separator: "\n").filter { !$0.hasPrefix("note: created a new archive") }
    #expect(lines.first?.contains("no/such/feed.xml") == true)
  }

  @Test func anEmptyFileExits65AndTheGoodFileBesideItIsCommitted() throws {
    let archive = temporaryArchive()
    let empty = NSTemporaryDirectory() + "empty-\(UUID().uuidString).xml"
    _ = FileManager.default.createFile(atPath: empty, contents: Data())
    defer {
      try? FileManager.default.removeItem(atPath: archive)
      try? FileManager.default.removeItem(atPath: empty)
    }
    let run = try communique(archive, ["ingest", empty, "Fixtures/seed"])
    #expect(run.status == 65)
    #expect(run.stderr.contains(empty))
    let log = try communique(archive, ["log", "--json"])
    #expect(try JSONParser.parse(log.stdout)["events"]?.arrayValue?.count == 1)
  }

  @Test func anArchivePathThatIsARegularFileExits74AndIsLeftAlone() throws {
    let file = NSTemporaryDirectory() + "plain-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: file, contents: Data("keep me".utf8))
    defer { try? FileManager.default.removeItem(atPath: file) }
    let run = try communique(file, ["ingest", "Fixtures/seed"])
    #expect(run.status == 74)
    #expect(run.stderr.contains(file))
    #expect(FileManager.default.contents(atPath: file) == Data("keep me".utf8))
  }

  @Test func aReadOnAnArchiveThatDoesNotExistExits74() throws {
    let run = try communique(temporaryArchive(), ["timeline"])
    #expect(run.status == 74)
  }

  @Test func aBadAsOfDateIsAUsageError() throws {
    let run = try communique(temporaryArchive(), ["timeline", "--as-of", "2019-02-30"])
    #expect(run.status == 64)
  }

  @Test func jsonOutputIsOneDocumentAndNothingElseOnStdout() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let run = try communique(archive, ["ingest", "--dry-run", "--json", "Fixtures/seed"])
    #expect(run.status == 0)
    let json = try JSONParser.parse(run.stdout)
    let document = try #require(json["documents"]?.arrayValue?.first)
    #expect(document["status"] == .string("new"))
    #expect(document["language"] == .string("ar"))
    #expect(document["meeting"]?["id"] == .string("cifg-12"))
  }
}
