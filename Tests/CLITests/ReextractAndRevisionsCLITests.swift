import Domain
import Foundation
import JSONForm
import Testing

@Suite struct ReextractAndRevisionsCLITests {
  @Test func reextractWithAnExtendedVocabularyAppendsTheNewThemeOnceAndThenNothing() throws {
    let archive = temporaryArchive()
    let themes = NSTemporaryDirectory() + "themes-\(UUID().uuidString).json"
    defer {
      try? FileManager.default.removeItem(atPath: archive)
      try? FileManager.default.removeItem(atPath: themes)
    }
    let ingest = try communique(archive, ["ingest", "Fixtures/labeled/en01_cifg1_rome.txt"])
    #expect(ingest.status == 0, "\(ingest.stderr)")
    let untouched = try communique(archive, ["reextract"])
    #expect(untouched.status == 0, "\(untouched.stderr)")
    #expect(untouched.stdout.contains("1 examined, 0 changed, 1 unchanged"))

    // A vocabulary extended after ingestion reaches the stored document only by re-extraction.
    let vocabulary =
      #"{"themes":[{"id":"coordination","kind":"response","en":["coordinate sanctions"],"ar":[]}]}"#
    try Data(vocabulary.utf8).write(to: URL(fileURLWithPath: themes))
    let env = ["COMMUNIQUE_THEMES": themes]
    let dry = try communique(archive, ["reextract", "--dry-run", "--json"], environment: env)
    #expect(dry.status == 0, "\(dry.stderr)")
    let dryJSON = try JSONParser.parse(dry.stdout)
    #expect(dryJSON["dryRun"] == .bool(true))
    #expect(dryJSON["changed"]?.arrayValue?.first?["seq"] == .null)
    #expect(dryJSON["changed"]?.arrayValue?.first?["fields"] == .array([.string("themes")]))
    let afterDry = try communique(archive, ["log", "--json"])
    #expect(try JSONParser.parse(afterDry.stdout)["events"]?.arrayValue?.count == 1)

    let run = try communique(archive, ["reextract", "--json"], environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    let json = try JSONParser.parse(run.stdout)
    #expect(json["examined"] == .int(1))
    #expect(json["changed"]?.arrayValue?.first?["seq"] == .int(2))
    let again = try communique(archive, ["reextract"], environment: env)
    #expect(again.stdout.contains("0 changed"))
    let log = try communique(archive, ["log", "--json"])
    let types = try JSONParser.parse(log.stdout)["events"]?.arrayValue?.map { $0["type"] }
    #expect(types == [.string("document.ingested"), .string("document.reextracted")])
    let timeline = try communique(archive, ["timeline", "--json"], environment: env)
    let meeting = try JSONParser.parse(timeline.stdout)["meetings"]?.arrayValue?.first
    #expect(meeting?["themes"]?.arrayValue?.contains(.string("coordination")) == true)
    #expect(try communique(archive, ["verify"]).status == 0)
  }

  @Test func showRevisionsPrintsTheChainAndAUnifiedDiff() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let ingest = try communique(archive, ["ingest", "Fixtures/revisions"])
    #expect(ingest.stdout.contains("1 new, 0 duplicate, 1 revision"), "\(ingest.stdout)")

    let json = try JSONParser.parse(try communique(archive, ["show", "1", "--revisions", "--json"]).stdout)
    let revisions = try #require(json["revisions"]?.arrayValue)
    #expect(revisions.map { $0["seq"] } == [.int(1), .int(2)])
    #expect(revisions.map { $0["standing"] } == [.bool(false), .bool(true)])
    let revised = try #require(revisions.last?["document"]?.stringValue)
    #expect(json["changes"]?.arrayValue?.first?["to"] == .string(revised))

    let text = try communique(archive, ["show", revised, "--revisions"])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("2 revisions of \(revised)"))
    #expect(text.stdout.contains("standing"))
    let lines = text.stdout.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("-") && $0.contains("April 16, 2019") })
    #expect(lines.contains { $0.hasPrefix("+") && $0.contains("April 16-17, 2019") })
    #expect(lines.contains { $0.hasPrefix("@@ -") })
  }

  @Test func showRevisionsOfAnUnknownDocumentExits64NamingIt() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    _ = try communique(archive, ["ingest", "Fixtures/seed"])
    let unknown = "sha256:" + String(repeating: "ab", count: 32)
    let run = try communique(archive, ["show", unknown, "--revisions"])
    #expect(run.status == 64)
    #expect(run.stderr.contains(unknown))
    #expect(run.stdout.isEmpty)
  }
}
