import Domain
import EventLog
import Foundation
import LMDB
import StoredForm
import Stores
import Testing

@testable import Archive

/// A generated corpus (tools/gen-corpus) of `documents` releases in two feeds: large enough
/// for an ingest to train a text dictionary. Made once per seed and process.
func generatedCorpus(seed: Int, documents: Int = 700) throws -> String {
  let path =
    NSTemporaryDirectory()
    + "communique-corpus-\(seed)-\(documents)-\(ProcessInfo.processInfo.processIdentifier)"
  guard !FileManager.default.fileExists(atPath: path) else { return path }
  let result = try run(
    "/usr/bin/python3",
    [
      repositoryRoot.appendingPathComponent("tools/gen-corpus").path, path, "--documents", "\(documents)",
      "--seed", "\(seed)",
    ])
  guard result.status == 0 else { throw ArchiveError.usage("gen-corpus failed: \(result.err)") }
  return path
}

/// Ingest trains a Zstandard dictionary on the first window of a large ingest, compresses
/// texts against it (payload version 3), and export, import and verify carry and check it.
@Suite(.serialized) struct TextDictionaryIngestTests {
  /// The stored dictionaries' entries.
  func entries(_ archive: Archive) throws -> [TextDictionaryStore.Entry] {
    try archive.log.read { try archive.dictionaries.entries(in: $0.transaction) }
  }

  /// The stored payload of event `seq`.
  func payload(_ archive: Archive, _ seq: UInt64) throws -> [UInt8] {
    try archive.log.read { reader in try Array(#require(try reader.envelope(at: seq)).data) }
  }

  func frame(_ payload: [UInt8]) throws -> StoredTextFrame? {
    try payload.withUnsafeBytes {
      try Event.storedTextFrame(type: EventType.documentIngested.rawValue, payload: $0)
    }
  }

  @Test func aLargeIngestTrainsOneDictionaryAndCompressesAgainstIt() throws {
    try withArchive { archive, path in
      let report = try archive.ingest([try generatedCorpus(seed: 1)])
      #expect(report.newCount == 700)
      let stored = try entries(archive)
      guard stored.count == 1, case .intact(let dictionary) = stored[0] else {
        Issue.record("one intact dictionary expected, found \(stored)")
        return
      }
      let first = try payload(archive, 1)
      #expect(first.first == 3)
      #expect(try frame(first)?.dictionary == dictionary.id)
      // Every text decodes against it and hashes to its id; both verifiers agree.
      #expect(try archive.verify().passed)
      #expect(try pythonVerify(path).0 == 0)
    }
  }

  @Test func aLaterIngestCompressesAgainstTheSameDictionary() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([try generatedCorpus(seed: 1)])
      let report = try archive.ingest([try generatedCorpus(seed: 2)])
      #expect(report.newCount > 0)
      let stored = try entries(archive)
      #expect(stored.count == 1)
      guard case .intact(let dictionary) = stored.first else { return }
      let last = try archive.log.read { try #require(try $0.head()).seq }
      #expect(try frame(payload(archive, last))?.dictionary == dictionary.id)
    }
  }

  @Test func aSmallIngestOrADryRunTrainsNone() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("feeds")])
      #expect(try entries(archive).isEmpty)
      // The first input, windows-1256, records its encoding: a flag beside the version.
      #expect(try payload(archive, 1).first.map { $0 & ~Event.recordsEncoding } == Event.payloadVersion)
      _ = try archive.ingest([try generatedCorpus(seed: 1)], dryRun: true)
      #expect(try entries(archive).isEmpty)
    }
  }

  @Test func theExportCarriesTheDictionaryOnceAndImportStoresIt() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([try generatedCorpus(seed: 1)])
      var bytes: [UInt8] = []
      try archive.export { bytes += $0 }
      let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
      #expect(lines.count { $0.contains("\"textDictionary\":") } == 1)
      #expect(lines[0].contains("\"textDictionary\":"))
      try withArchive { copy, _ in
        #expect(try copy.importEvents(lines, source: "x") == 700)
        var again: [UInt8] = []
        try copy.export { again += $0 }
        #expect(again == bytes)
        #expect(try entries(copy).count == 1)
        #expect(try copy.verify().passed)
      }
    }
  }

  @Test func verifyNamesTheFirstEventCompressedAgainstADamagedDictionary() throws {
    try withArchive { archive, path in
      _ = try archive.ingest([try generatedCorpus(seed: 1)])
      try archive.log.write { writer in
        let database = try #require(archive.dictionaries.database)
        var key: [UInt8] = []
        var value: [UInt8] = []
        try writer.transaction.forEach(database) { k, v in
          key = Array(k)
          value = Array(v)
          return false
        }
        value[value.count / 2] ^= 0x01
        try writer.transaction.put(database, key: key, value: value)
      }
      let report = try archive.verify()
      #expect(report.failure?.seq == 1)
      #expect(report.failure?.problem.contains("dictionary") == true)
      #expect(try pythonVerify(path).0 == 1)
    }
  }
}
