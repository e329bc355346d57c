import Domain
import Foundation
import Testing

@testable import Archive

/// `search` through the archive: the hits are the documents the views see at the asked
/// state, and the index stays true to the log (kept up to date, rebuilt when it cannot be).
@Suite struct SearchTests {
  /// Writes a feed-item text dump (the seed's form) into `folder` as `name`.
  func writeDump(_ folder: String, _ name: String, title: String, date: String, body: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let dump = "rss\n\n\(title)\n\nEnglish English\n\n\(date)\n\n\(body)\n"
    try Data(dump.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
  }

  func search(
    _ archive: Archive, _ query: String, asOf: String? = nil, knownAt: KnownAt? = nil,
    group: String? = nil, language: String? = nil
  ) throws -> [DocumentID] {
    var request = SearchRequest(query: query)
    request.state = StateSpec(asOf: asOf.flatMap { CalendarDate(iso: $0) }, knownAt: knownAt)
    request.group = group
    request.language = language
    return try archive.search(request).hits.map(\.document)
  }

  /// The inode of a file: a rebuilt index is a new file put in place of the old one.
  func inode(_ path: String) throws -> UInt64? {
    (try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.uint64Value
  }

  @Test func aRevisionReplacesItsPredecessorFromWhenItIsKnownAndPublished() throws {
    try withArchive { archive, _ in
      let report = try archive.ingest([fixture("revisions")])
      let first = try #require(report.documents.first?.document.id)
      let revised = try #require(report.documents.last?.document.id)
      // Both texts say Manama; only the revision speaks of virtual assets.
      #expect(try search(archive, "manama") == [revised])
      #expect(try search(archive, "manama", knownAt: .seq(1)) == [first])
      #expect(
        try search(archive, "manama", asOf: "2019-04-18") == [first], "the revision was published a day later"
      )
      #expect(try search(archive, #""virtual assets""#) == [revised])
      #expect(try search(archive, #""virtual assets""#, knownAt: .seq(1)).isEmpty)
      #expect(try search(archive, "manama", asOf: "2019-01-01").isEmpty, "nothing was published yet")
    }
  }

  @Test func aRetractedDocumentIsNotFoundOnceItsRetractionIsKnown() throws {
    try withArchive { archive, _ in
      let report = try archive.ingest([fixture("revisions")])
      let revised = try #require(report.documents.last?.document.id)
      _ = try archive.retract(revised.description, reason: "withdrawn by the publisher")
      #expect(try search(archive, #""virtual assets""#).isEmpty)
      #expect(try search(archive, #""virtual assets""#, knownAt: .seq(2)) == [revised])
      // The earlier revision stands again, as in the projections.
      #expect(try search(archive, "manama") == [report.documents.first?.document.id])
    }
  }

  @Test func aSearchAfterAnIngestAddsTheNewDocumentsToTheSameIndexFile() throws {
    let folder = NSTemporaryDirectory() + "search-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try writeDump(
      folder + "/a", "one.txt", title: "Joint statement", date: "November 20, 2019",
      body: "The Counter ISIS Finance Group discussed hawala networks in Luxembourg.")
    try writeDump(
      folder + "/b", "two.txt", title: "Another statement", date: "November 21, 2019",
      body: "The Coalition discussed antiquities trafficking and hawala in Manama.")
    try withArchive { archive, _ in
      _ = try archive.ingest([folder + "/a"])
      #expect(try search(archive, "hawala").count == 1)
      let before = try inode(archive.searchIndexPath)
      _ = try archive.ingest([folder + "/b"])
      #expect(try search(archive, "antiquities").count == 1)
      #expect(try search(archive, "hawala").count == 2)
      #expect(try inode(archive.searchIndexPath) == before, "brought up to date, not rebuilt")
    }
  }

  @Test func aDeletedOrDamagedIndexIsBuiltAgainFromTheLog() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("revisions")])
      let file = archive.searchIndexPath
      #expect(try search(archive, "manama").count == 1)
      try FileManager.default.removeItem(atPath: file)
      #expect(try search(archive, "manama").count == 1)
      #expect(FileManager.default.fileExists(atPath: file))
      // Garbage in place of the file, then a valid header over damaged pages.
      try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: file))
      #expect(try search(archive, "manama").count == 1)
      var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
      for offset in stride(from: 4096, to: bytes.count, by: 1) { bytes[offset] = 0xA5 }
      try bytes.write(to: URL(fileURLWithPath: file))
      #expect(try search(archive, "manama").count == 1)
      #expect(try search(archive, #""virtual assets""#).count == 1)
    }
  }

  @Test func anIndexFileThatIsASymbolicLinkIsReplacedNotWrittenThrough() throws {
    let folder = NSTemporaryDirectory() + "search-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try writeDump(
      folder + "/late", "one.txt", title: "Joint statement", date: "November 20, 2019",
      body: "The Counter ISIS Finance Group discussed hawala networks in Luxembourg.")
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("revisions")])
      _ = try search(archive, "manama")
      // A current index elsewhere, linked from the archive: an update would write into it.
      let target = folder + "/elsewhere.sqlite"
      try FileManager.default.moveItem(atPath: archive.searchIndexPath, toPath: target)
      try FileManager.default.createSymbolicLink(atPath: archive.searchIndexPath, withDestinationPath: target)
      let before = try Data(contentsOf: URL(fileURLWithPath: target))
      _ = try archive.ingest([folder + "/late"])
      #expect(try search(archive, "hawala").count == 1)
      #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before)
      let attributes = try FileManager.default.attributesOfItem(atPath: archive.searchIndexPath)
      #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    }
  }

  @Test func anIndexOfAnotherLogIsBuiltAgain() throws {
    let folder = NSTemporaryDirectory() + "search-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try writeDump(
      folder, "one.txt", title: "Joint statement", date: "November 20, 2019",
      body: "The Counter ISIS Finance Group discussed hawala networks in Luxembourg.")
    try withArchive { other, _ in
      _ = try other.ingest([folder])
      _ = try search(other, "hawala")
      try withArchive { archive, _ in
        _ = try archive.ingest([fixture("revisions")])
        // One event each: the other index's seq is this log's head, but its hash is not.
        try FileManager.default.copyItem(atPath: other.searchIndexPath, toPath: archive.searchIndexPath)
        #expect(try search(archive, "hawala").isEmpty)
        #expect(try search(archive, "manama").count == 1)
      }
    }
  }

  @Test func arabicReleasesAreFoundWhateverTheSpellingAndTheLanguageFilterKeepsThem() throws {
    try withArchive { archive, _ in
      let report = try archive.ingest([fixture("seed")])
      let seed = try #require(report.documents.first?.document.id)
      // "التحالف الدولي" written with alef maqsura for its last yaa, and "مجموعة" with haa
      // for its taa marbuta: the seed spells both the other way.
      let query =
        "\"\u{0627}\u{0644}\u{062A}\u{062D}\u{0627}\u{0644}\u{0641} \u{0627}\u{0644}\u{062F}\u{0648}\u{0644}\u{0649}\" "
        + "\u{0645}\u{062C}\u{0645}\u{0648}\u{0639}\u{0647}"
      #expect(try search(archive, query) == [seed])
      #expect(try search(archive, query, language: "ar") == [seed])
      #expect(try search(archive, query, language: "en").isEmpty)
      #expect(try search(archive, query, group: "cifg") == [seed])
      #expect(try search(archive, query, group: "ftf").isEmpty)
      #expect(try search(archive, "\u{0665}\u{0666}") == [seed], "Eastern digits find the seed's الـ56")
      let hit = try #require(try archive.search(SearchRequest(query: query)).hits.first)
      #expect(hit.meeting == "cifg-12")
      #expect(hit.published?.description == "2019-11-20")
      #expect(!hit.highlights.isEmpty)
    }
  }

  @Test func aQueryWithoutWordsIsAUsageError() throws {
    try withArchive { archive, _ in
      _ = #expect(throws: ArchiveError.self) { _ = try archive.search(SearchRequest(query: "*** --")) }
    }
  }

  @Test func aSnippetsControlCharactersNeverReachTheTerminalActive() throws {
    let hit = SearchHit(
      document: try #require(DocumentID("sha256:" + String(repeating: "ab", count: 32))), seq: 1,
      published: nil, language: "en", title: nil, group: nil, meeting: nil, rank: 1, score: 0,
      snippet: "a \u{1B}]0;pwned\u{07} hawala\u{1B}[2J \u{202E}x", highlights: [13..<23])
    let shown = hit.displaySnippet { "<" + $0 + ">" }
    #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{202E}" }, "\(shown)")
    #expect(shown.contains("<hawala<U+001B>[2J>"), "\(shown)")
  }
}
