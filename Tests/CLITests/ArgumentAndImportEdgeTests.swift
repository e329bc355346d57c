import Domain
import Foundation
import JSONForm
import Testing

/// Arguments and imports that used to be taken wrongly: each is refused with one clear line
/// and the contract's exit code, or (CRLF line ends) accepted.
@Suite struct ArgumentAndImportEdgeTests {
  /// An archive of the seed and one correction (two events); returns its export's lines.
  static func twoEvents(_ archive: String) throws -> [String] {
    #expect(try communique(archive, ["ingest", "Fixtures/seed"]).status == 0)
    #expect(
      try communique(archive, ["correct", "cifg-12", "--set", "city=Rome", "--reason", "r"]).status == 0)
    let export = try communique(archive, ["export"])
    #expect(export.status == 0)
    return export.stdout.split(separator: "\n").map(String.init)
  }

  @Test func anImportWhoseRecordedTimeGoesBackNamesTheLineAndExits65() throws {
    let archive = temporaryArchive()
    let copy = temporaryArchive()
    defer {
      try? FileManager.default.removeItem(atPath: archive)
      try? FileManager.default.removeItem(atPath: copy)
    }
    var lines = try Self.twoEvents(archive)
    guard case .object(var members) = try JSONParser.parse(lines[1]) else {
      Issue.record("not an object")
      return
    }
    members = members.map { $0.0 == "recordedAt" ? ($0.0, .string("2000-01-01T00:00:00Z")) : $0 }
    lines[1] = JSONValue.object(members).serialized
    let run = try communique(copy, ["import", "-"], stdin: Data((lines.joined(separator: "\n") + "\n").utf8))
    #expect(run.status == 65)
    #expect(
      run.stderr
        == "communique: -:2: seq 2: recordedAt 2000-01-01T00:00:00Z is earlier than the event before it\n")
  }

  @Test func anExportSavedWithCRLFLineEndsImports() throws {
    let archive = temporaryArchive()
    let copy = temporaryArchive()
    defer {
      try? FileManager.default.removeItem(atPath: archive)
      try? FileManager.default.removeItem(atPath: copy)
    }
    let lines = try Self.twoEvents(archive)
    let crlf = Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
    let run = try communique(copy, ["import", "-"], stdin: crlf)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try communique(copy, ["export"]).stdout == lines.joined(separator: "\n") + "\n")
  }

  @Test func anImportLineOverTheConfiguredLimitIsRefusedWithItsNumberAndNoArchiveIsLeft() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let lines = try Self.twoEvents(archive)
    let stdin = Data((lines.joined(separator: "\n") + "\n").utf8)
    // The first line (the document, with its text) is the longer.
    let limit = lines[1].utf8.count
    #expect(lines[0].utf8.count > limit)
    let runs = [
      (
        "--max-line-bytes",
        try communique(temporaryArchive(), ["import", "--max-line-bytes", "\(limit)", "-"], stdin: stdin)
      ),
      (
        "COMMUNIQUE_IMPORT_MAX_LINE_BYTES",
        try communique(
          temporaryArchive(), ["import", "-"], environment: ["COMMUNIQUE_IMPORT_MAX_LINE_BYTES": "\(limit)"],
          stdin: stdin)
      ),
    ]
    for (how, run) in runs {
      #expect(run.status == 65, "\(how)")
      #expect(
        run.stderr
          == "communique: -:1: line longer than the limit of \(limit) bytes; "
          + "raise it with --max-line-bytes or COMMUNIQUE_IMPORT_MAX_LINE_BYTES\n", "\(how)")
    }
    let copy = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: copy) }
    let refused = try communique(
      copy, ["import", "-"], environment: ["COMMUNIQUE_IMPORT_MAX_LINE_BYTES": "many"], stdin: stdin)
    #expect(refused.status == 64)
    #expect(
      refused.stderr
        == "communique: COMMUNIQUE_IMPORT_MAX_LINE_BYTES=many is not a number of bytes of at least 1\n")
    #expect(!FileManager.default.fileExists(atPath: copy))
    let help = try communique(copy, ["import", "--help"])
    #expect(help.stdout.contains("--max-line-bytes"))
    #expect(help.stdout.contains("COMMUNIQUE_IMPORT_MAX_LINE_BYTES"))
  }

  @Test func anArchiveWhoseParentDirectoryDoesNotExistIsRefusedAndNothingIsCreated() throws {
    let parent = temporaryPath("missing-parent")
    let run = try communique(parent + "/archive", ["ingest", "Fixtures/seed"])
    #expect(run.status == 74)
    #expect(
      run.stderr
        == "communique: cannot open archive \(parent)/archive: its parent directory \(parent) does not exist; "
        + "create it first\n")
    #expect(!FileManager.default.fileExists(atPath: parent))
  }

  @Test func aDiffFromASeqBeyondTheHeadIsRefusedNotNoChange() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    _ = try Self.twoEvents(archive)
    for args in [["diff", "seq:99999", "head"], ["diff", "head", "date:2020-01-01+seq:3"]] {
      let run = try communique(archive, args)
      #expect(run.status == 64, "\(args)")
      #expect(run.stderr.contains("is beyond the head of the log (seq 2)"), "\(run.stderr)")
      #expect(run.stdout.isEmpty)
    }
    #expect(try communique(archive, ["diff", "seq:1", "seq:2"]).stdout.contains("city: Luxembourg → Rome"))
  }

  @Test func aKnownAtSeqBeyondTheHeadIsRefusedByEveryReadCommand() throws {
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    _ = try Self.twoEvents(archive)
    let commands = [
      ["timeline"], ["members"], ["themes"], ["log"], ["show", "1"], ["blame", "cifg-12"], ["export"],
      ["replay", "--to", "2020-01-01"], ["report", "-o", "-"], ["show", "--revisions", "1"],
    ]
    for args in commands {
      let run = try communique(archive, args + ["--known-at", "99999"])
      #expect(run.status == 64, "\(args)")
      #expect(run.stderr == "communique: --known-at 99999 is beyond the head of the log (seq 2)\n", "\(args)")
      #expect(run.stdout.isEmpty, "\(args)")
    }
    #expect(try communique(archive, ["timeline", "--known-at", "2"]).status == 0)
  }
}

/// Encodings that lie or are not stated: a mislabelled UTF-8 feed is read as UTF-8 and
/// noted; an undeclared windows-1256 feed is refused with a hint, and read with --encoding.
@Suite struct EncodingCLITests {
  /// The seed's Arabic feed, in windows-1256 without its declaration and in UTF-8 labelled
  /// ISO-8859-1.
  static func inputs() throws -> String {
    let folder = temporaryPath("encodings")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let original = try Data(
      contentsOf: root.appendingPathComponent("Fixtures/feeds/cifg-ar.windows-1256.rss.xml"))
    let declaration = Data(#" encoding="windows-1256""#.utf8)
    var undeclared = original
    let range = try #require(undeclared.range(of: declaration))
    undeclared.removeSubrange(range)
    try undeclared.write(to: URL(fileURLWithPath: folder + "/undeclared.xml"))
    return folder
  }

  @Test func anUndeclaredWindows1256FeedIsRefusedWithAHintAndReadWithEncoding() throws {
    let archive = temporaryArchive()
    let folder = try Self.inputs()
    defer {
      try? FileManager.default.removeItem(atPath: archive)
      try? FileManager.default.removeItem(atPath: folder)
    }
    let refused = try communique(archive, ["ingest", folder + "/undeclared.xml"])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("if it is windows-1256 or another encoding, pass --encoding NAME"))
    let read = try communique(
      archive, ["ingest", "--dry-run", "--json", "--encoding", "windows-1256", folder + "/undeclared.xml"])
    #expect(read.status == 0, "\(read.stderr)")
    let json = try JSONParser.parse(read.stdout)
    #expect(json["documents"]?.arrayValue?.first?["language"] == .string("ar"))
    #expect(json["inputs"]?.arrayValue?.first?["encoding"] == .string("windows-1256"))
    #expect(json["inputs"]?.arrayValue?.first?["basis"] == .string("overridden"))
    #expect(try communique(archive, ["ingest", "--encoding", "klingon", folder]).status == 64)
  }

  @Test func aUTF8FeedLabelledISO88591IsReadAsUTF8AndNoted() throws {
    let archive = temporaryArchive()
    let folder = temporaryPath("lying")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer {
      try? FileManager.default.removeItem(atPath: archive)
      try? FileManager.default.removeItem(atPath: folder)
    }
    let feed = """
      <?xml version="1.0" encoding="ISO-8859-1"?>
      <rss version="2.0"><channel><title>t</title><item><guid>g</guid><title>بيان مشترك</title>
      <description>اجتمعت مجموعة مكافحة تمويل داعش في لوكسمبورغ يومي 19 و20 تشرين الثاني/نوفمبر 2019.</description>
      </item></channel></rss>
      """
    try Data(feed.utf8).write(to: URL(fileURLWithPath: folder + "/lying.xml"))
    let run = try communique(archive, ["ingest", folder])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("lying.xml: declares ISO-8859-1, but its bytes are UTF-8: read as UTF-8"))
    let show = try JSONParser.parse(try communique(archive, ["show", "1", "--json"]).stdout)
    #expect(show["data"]?["document"]?["title"] == .string("بيان مشترك"))
    #expect(show["data"]?["document"]?["language"] == .string("ar"))
  }
}

/// The encoding decision recorded with each document: in `show`, `export` and `import`.
@Suite struct EncodingRecordCLITests {
  @Test func theDecisionIsRecordedWithTheDocumentShownExportedAndImported() throws {
    let archive = temporaryArchive()
    let copy = temporaryArchive()
    let folder = try EncodingCLITests.inputs()
    defer {
      for path in [archive, copy, folder] { try? FileManager.default.removeItem(atPath: path) }
    }
    let lying = """
      <?xml version="1.0" encoding="ISO-8859-1"?>
      <rss version="2.0"><channel><title>t</title><item><guid>g</guid><title>بيان مشترك</title>
      <description>اجتمعت مجموعة مكافحة تمويل داعش في لوكسمبورغ يومي 19 و20 تشرين الثاني/نوفمبر 2019.</description>
      </item></channel></rss>
      """
    try Data(lying.utf8).write(to: URL(fileURLWithPath: folder + "/lying.xml"))
    let first = try communique(archive, ["ingest", "--encoding", "windows-1256", folder + "/undeclared.xml"])
    #expect(first.status == 0, "\(first.stderr)")
    let second = try communique(archive, ["ingest", folder + "/lying.xml"])
    #expect(second.status == 0, "\(second.stderr)")
    let log = try communique(archive, ["export"]).stdout.split(separator: "\n").map {
      try JSONParser.parse(String($0))
    }
    let encodings = log.map { $0["data"]?["document"]?["encoding"] }
    #expect(
      encodings.first
        == .object([
          ("encoding", .string("windows-1256")), ("basis", .string("overridden")), ("declared", .null),
        ]))
    #expect(
      encodings.last
        == .object([
          ("encoding", .string("UTF-8")), ("basis", .string("detected")), ("declared", .string("ISO-8859-1")),
        ]))
    let last = "\(log.count)"
    let shown = try JSONParser.parse(try communique(archive, ["show", last, "--json"]).stdout)
    #expect(shown["data"]?["document"]?["encoding"]?["basis"] == .string("detected"))
    let text = try communique(archive, ["show", last]).stdout
    #expect(
      text.contains("encoding:") && text.contains("basis: detected") && text.contains("declared: ISO-8859-1"))
    // Import stores the same bytes (it checks every hash), so the copy exports the same lines.
    let export = try communique(archive, ["export"]).stdout
    let file = folder + "/export.ndjson"
    try Data(export.utf8).write(to: URL(fileURLWithPath: file))
    let imported = try communique(copy, ["import", file])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(try communique(copy, ["export"]).stdout == export)
    #expect(try communique(copy, ["verify"]).status == 0)
  }

  @Test func anExportWrittenBeforeDecisionsWereRecordedImportsWithItsHashesAndExportsUnchanged() throws {
    // Fixtures/exports/before-encodings.ndjson: written by the build before decisions were
    // recorded, from a feed, a declared windows-1256 feed and a UTF-8 feed labelled ISO-8859-1.
    let archive = temporaryArchive()
    defer { try? FileManager.default.removeItem(atPath: archive) }
    let fixture = root.appendingPathComponent("Fixtures/exports/before-encodings.ndjson").path
    let imported = try communique(archive, ["import", fixture])
    #expect(imported.status == 0, "\(imported.stderr)")
    let verified = try communique(archive, ["verify"])
    #expect(verified.status == 0, "\(verified.stdout)")
    #expect(
      verified.stdout.contains("head 5697cea314a392bd8d9f446c55b55b6071632a97e88b38ed643a01eddbcf6f1e"))
    let export = try communique(archive, ["export"]).stdout
    #expect(export == (try String(contentsOfFile: fixture, encoding: .utf8)))
    #expect(!export.contains(#""encoding":{"#))
  }
}
