import Domain
import Foundation
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
}
