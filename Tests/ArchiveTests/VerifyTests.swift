import Domain
import EventLog
import Foundation
import JSONForm
import LMDB
import Stores
import Testing
import TestSupport

@testable import Archive

/// Runs tools/verify-archive.py (Debian's python3-lmdb) on an archive: exit code and stdout.
func pythonVerify(_ path: String) throws -> (Int32, String) {
  let result = try run(
    "/usr/bin/python3",
    [repositoryRoot.appendingPathComponent("tools/verify-archive.py").path, path, "--json"])
  return (result.status, result.out)
}

@Suite struct VerifyTests {
  func fill(_ archive: Archive) throws {
    _ = try archive.ingest([fixture("seed")])
    var random = RandomEvents(seed: 21)
    try archive.log.write { writer in
      for _ in 0..<8 { _ = try archive.append(random.event(), with: &writer) }
    }
  }

  @Test func anIntactArchivePassesBothVerifiers() throws {
    try withArchive { archive, path in
      try fill(archive)
      let report = try archive.verify()
      #expect(report.passed)
      #expect(report.events == 9)
      let (status, output) = try pythonVerify(path)
      #expect(status == 0)
      let json = try JSONParser.parse(output)
      #expect(json["events"] == .int(9))
      #expect(json["head"] == .string(report.headHash))
    }
  }

  @Test func bothVerifiersNameTheSameFirstBadSeqAfterAByteIsFlipped() throws {
    try withArchive { archive, path in
      try fill(archive)
      for seq in [UInt64(1), 4, 9] {
        let original = try #require(try archive.log.read { try $0.envelope(at: seq) }?.storedValue)
        var tampered = original
        tampered[tampered.count / 2 + 40] ^= 0x20
        try archive.log.environment.write { txn in
          try txn.put(archive.log.events, key: seq.bigEndianBytes, value: tampered)
        }
        #expect(try archive.verify().failure?.seq == seq)
        let (status, output) = try pythonVerify(path)
        #expect(status == 1)
        #expect(try JSONParser.parse(output)["failure"]?["seq"] == .int(Int(seq)))
        try archive.log.environment.write { txn in
          try txn.put(archive.log.events, key: seq.bigEndianBytes, value: original)
        }
      }
      #expect(try archive.verify().passed)
    }
  }

  @Test("a damaged snapshot or view-events block fails both verifiers at its seq (CRC-32 both sides)")
  func bothVerifiersCheckTheDerivedChecksums() throws {
    try withArchive(snapshotInterval: 10) { archive, path in
      _ = try archive.ingest([fixture("labeled")])
      #expect(try pythonVerify(path).0 == 0)
      let seq = try #require(try archive.log.read { try archive.snapshots.seqs(in: $0.transaction) }.last)
      let snapshots = try #require(archive.snapshots.database)
      let key = Snapshots.key(seq, part: 0)
      let original = try #require(try archive.log.environment.read { try $0.get(snapshots, key: key) })
      var damaged = original
      damaged[40] ^= 0x01
      try archive.log.environment.write { try $0.put(snapshots, key: key, value: damaged) }
      #expect(try archive.verify().failure?.seq == seq)
      var (status, output) = try pythonVerify(path)
      #expect(status == 1)
      #expect(try JSONParser.parse(output)["failure"]?["seq"] == .int(Int(seq)))
      try archive.log.environment.write { try $0.put(snapshots, key: key, value: original) }
      let views = try #require(archive.viewEvents.database)
      let block = (0 as UInt64).bigEndianBytes
      var bits = try #require(try archive.log.environment.read { try $0.get(views, key: block) })
      bits[0] ^= 0x80
      try archive.log.environment.write { try $0.put(views, key: block, value: bits) }
      #expect(try archive.verify().failure?.seq == 1)
      (status, output) = try pythonVerify(path)
      #expect(status == 1)
      #expect(try JSONParser.parse(output)["failure"]?["seq"] == .int(1))
    }
  }

  @Test func aStrayDocumentIndexEntryFailsVerification() throws {
    try withArchive { archive, _ in
      try fill(archive)
      try archive.log.environment.write { txn in
        try txn.put(
          archive.indexes.documents, key: [UInt8](repeating: 7, count: 32), value: UInt64(1).bigEndianBytes)
      }
      #expect(try archive.verify().passed == false)
    }
  }

  @Test func anArchivePathThatIsARegularFileIsACannotOpenError() throws {
    let file = NSTemporaryDirectory() + "communique-file-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: file, contents: Data("not an archive".utf8))
    defer { try? FileManager.default.removeItem(atPath: file) }
    #expect {
      _ = try Archive(path: file)
    } throws: { error in
      guard let error = error as? ArchiveError, case .cannotOpen = error else { return false }
      return error.exitCode == 74 && error.description.contains(file)
    }
  }
}
