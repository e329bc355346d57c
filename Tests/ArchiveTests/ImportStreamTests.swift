import Foundation
import Testing

@testable import Archive

/// An import read from a file a line at a time: the same events as the whole text gives, all
/// or nothing, and a line past the limit refused by its number.
@Suite struct ImportStreamTests {
  /// The export of an archive of `items` generated statements, written to a file.
  func exportFile(items: Int) throws -> (path: String, bytes: [UInt8]) {
    try withArchive { archive, _ in
      let feed = NSTemporaryDirectory() + "import-stream-\(UUID().uuidString).xml"
      defer { try? FileManager.default.removeItem(atPath: feed) }
      let body = (0..<items).map {
        "<item><guid>g\($0)</guid><title>Statement \($0)</title><description>The group met in Rome on "
          + "May \($0 % 28 + 1), 2015. Item \($0).</description></item>"
      }
      try "<rss version=\"2.0\"><channel><title>t</title>\(body.joined())</channel></rss>"
        .write(toFile: feed, atomically: true, encoding: .utf8)
      _ = try archive.ingest([feed])
      var bytes: [UInt8] = []
      try archive.export { bytes += $0 }
      let path = NSTemporaryDirectory() + "import-stream-\(UUID().uuidString).ndjson"
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      return (path, bytes)
    }
  }

  @Test func anImportFromAFileThatGrowsTheMapReadsItAgainAndKeepsEveryEvent() throws {
    let (path, bytes) = try exportFile(items: 150)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try withArchive(mapSize: 96 << 10) { copy, _ in
      #expect(try copy.importEvents(fromFile: path, source: "x.ndjson") == 150)
      #expect(copy.log.environment.mapSize > 96 << 10)
      var again: [UInt8] = []
      try copy.export { again += $0 }
      #expect(again == bytes)
    }
  }

  @Test func aLineLongerThanTheLimitIsRefusedByItsNumberAndNothingIsKept() throws {
    let (path, bytes) = try exportFile(items: 3)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let longest = bytes.split(separator: 0x0a).map(\.count).max() ?? 0
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data(repeating: 0x20, count: longest + 1) + Data("x\n".utf8))
    try handle.close()
    try withArchive { copy, _ in
      let refusal = #expect(throws: ArchiveError.self) {
        _ = try copy.importEvents(fromFile: path, source: "x.ndjson", maxLineBytes: longest)
      }
      #expect(
        refusal?.description
          == "x.ndjson:4: line longer than the limit of \(longest) bytes; "
          + "raise it with --max-line-bytes or COMMUNIQUE_IMPORT_MAX_LINE_BYTES")
      let empty = try copy.events().isEmpty
      #expect(empty)
    }
  }

  @Test func aLineNotInUTF8IsRefusedByItsNumber() throws {
    let (path, _) = try exportFile(items: 2)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data([0x7b, 0xff, 0x7d, 0x0a]))
    try handle.close()
    try withArchive { copy, _ in
      let refusal = #expect(throws: ArchiveError.self) {
        _ = try copy.importEvents(fromFile: path, source: "x.ndjson")
      }
      #expect(refusal?.description == "x.ndjson:3: not UTF-8 text")
      let empty = try copy.events().isEmpty
      #expect(empty)
    }
  }
}
