import Crypto
import Domain
import EventLog
import Foundation
import JSONForm
import LMDB
import Merkle
import PropertyBased
import Stores
import Testing
import TestSupport

@testable import Archive

/// The Python that runs tools/check-proof.py: the venv tools/setup makes (with
/// `cryptography`) when there is one, else Debian's.
let proofPython: String = {
  let venv = repositoryRoot.appendingPathComponent(".build/proof-venv/bin/python3").path
  return FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3"
}()

/// Runs tools/check-proof.py with `arguments`: exit code, stdout and stderr.
func checkProof(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
  try run(proofPython, [repositoryRoot.appendingPathComponent("tools/check-proof.py").path] + arguments)
}

/// A file in the temporary directory holding `text`, removed by the caller.
func temporaryFile(_ text: String) throws -> String {
  let path = NSTemporaryDirectory() + "communique-proof-" + UUID().uuidString
  try text.write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

let noon = Timestamp(microseconds: 1_780_000_000_000_000)

@Suite struct ProofTests {
  func fill(_ archive: Archive, seed: UInt64, count: Int) throws {
    var random = RandomEvents(seed: seed)
    try archive.log.write { writer in
      for _ in 0..<count { _ = try archive.append(random.event(), with: &writer) }
    }
  }

  /// The tree computed from scratch over the log's canonical bytes.
  func rebuilt(_ archive: Archive) throws -> MemoryTree {
    MemoryTree(
      leafHashes: try archive.log.read { reader in
        var out: [[UInt8]] = []
        try reader.forEach { raw in
          out.append(MerkleHash.leaf(raw.envelope.canonicalBytes))
          return true
        }
        return out
      })
  }

  @Test func everyAppendPathKeepsTheStoredTreeEqualToOneRebuiltFromTheLog() throws {
    try withArchive { archive, _ in
      _ = try archive.ingest([fixture("seed")])
      _ = try archive.correct(
        FactCorrected(
          target: "cifg-12", changes: [FieldChange(field: "city", value: "Luxembourg")], reason: "checked"))
      var random = RandomEvents(seed: 3)
      _ = try archive.appendEvents((0..<40).map { _ in random.event() }, batch: 7)
      let memory = try rebuilt(archive)
      let head = try archive.treeHead(time: noon)
      #expect(head.size == 42)
      #expect(head.root == (try MerkleTree(store: memory).root(size: 42)))
      #expect(try archive.treeIsStored())
      #expect(try archive.verify().passed)
      try withArchive { copy, _ in
        var lines: [UInt8] = []
        try archive.export { lines += $0 }
        _ = try copy.importEvents(
          String(decoding: lines, as: UTF8.self).split(separator: "\n"), source: "x", checkingMeaning: false)
        #expect(try copy.treeHead(time: noon).root == head.root)
        #expect(try copy.treeIsStored())
      }
    }
  }

  @Test func anArchiveWithoutATreeGetsItBuiltOnceWhenOpenedWritable() throws {
    try withArchive { archive, path in
      try fill(archive, seed: 9, count: 37)
      let before = try archive.treeHead(time: noon)
      try clearTree(archive)
      try forgetMigrations(archive)
      #expect(try archive.treeIsStored() == false)
      var readOnly = Archive.Options()
      readOnly.readOnly = true
      let reader = try Archive(path: path, options: readOnly)
      #expect(reader.treeBuiltOnOpen == 0)
      #expect(try reader.treeHead(time: noon) == before)
      #expect(try reader.verify().passed)
      let reopened = try Archive(path: path)
      #expect(reopened.treeBuiltOnOpen == 37)
      #expect(try reopened.treeIsStored())
      #expect(try reopened.treeHead(time: noon) == before)
      #expect(try Archive(path: path).treeBuiltOnOpen == 0)
    }
  }

  @Test func aTreeInTheOlderLevelFirstLayoutIsRebuiltWhenOpenedWritable() throws {
    try withArchive { archive, path in
      try fill(archive, seed: 10, count: 21)
      let before = try archive.treeHead(time: noon)
      // What a build before this layout stored: `level ‖ index` keys and a `size` count.
      let old = try rebuilt(archive)
      try clearTree(archive)
      try archive.log.environment.write { txn in
        for (level, hashes) in old.levels.enumerated() {
          for (index, hash) in hashes.enumerated() {
            let key = [UInt8(level)] + UInt64(index).bigEndianBytes
            try txn.put(archive.merkle.database, key: key, value: hash)
          }
        }
        try txn.put(archive.merkle.database, key: Array("size".utf8), value: UInt64(21).bigEndianBytes)
      }
      try forgetMigrations(archive)
      #expect(try archive.treeIsStored() == false)
      let reopened = try Archive(path: path)
      #expect(reopened.treeBuiltOnOpen == 21)
      #expect(try reopened.treeHead(time: noon) == before)
      #expect(try reopened.verify().passed)
    }
  }

  @Test func everyAppendStoresKeysAfterEveryKeyStoredBefore() throws {
    // Entries keyed by the leaf that completes them arrive in key order: the pages fill up.
    try withArchive { archive, _ in
      try fill(archive, seed: 13, count: 45)
      let keys = try archive.log.read { reader in
        var keys: [[UInt8]] = []
        try reader.transaction.forEach(archive.merkle.database) { key, _ in
          keys.append(Array(key))
          return true
        }
        return keys
      }
      #expect(keys.count == 2 * 45 - 45.nonzeroBitCount)
      var expected: [[UInt8]] = []
      for leaf in UInt64(0)..<45 {
        var (level, index) = (0, leaf)
        expected.append(MerkleStore.key(level: level, index: index))
        while index & 1 == 1 {
          (level, index) = (level + 1, index >> 1)
          expected.append(MerkleStore.key(level: level, index: index))
        }
      }
      #expect(keys == expected)
    }
  }

  @Test func anAppendToAnArchiveWhoseTreeLagsBuildsTheMissingLeavesFirst() throws {
    try withArchive { archive, _ in
      try fill(archive, seed: 4, count: 11)
      try clearTree(archive)
      try fill(archive, seed: 5, count: 6)
      #expect(try archive.treeIsStored())
      #expect(
        try archive.treeHead(time: noon).root == (try MerkleTree(store: rebuilt(archive)).root(size: 17)))
    }
  }

  @Test func verifyNamesTheFirstSeqWhoseStoredMerkleNodeIsWrong() throws {
    try withArchive { archive, _ in
      try fill(archive, seed: 12, count: 20)
      for (level, index, seq) in [(0, UInt64(6), UInt64(7)), (2, 2, 9)] {
        let key = MerkleStore.key(level: level, index: index)
        let original = try #require(
          try archive.log.read { try $0.transaction.get(archive.merkle.database, key: key) })
        try archive.log.environment.write { txn in
          try txn.put(archive.merkle.database, key: key, value: [UInt8](repeating: 1, count: 32))
        }
        #expect(try archive.verify().failure?.seq == seq)
        try archive.log.environment.write { txn in
          try txn.put(archive.merkle.database, key: key, value: original)
        }
      }
      #expect(try archive.verify().passed)
    }
  }

  @Test func theArchiveExtendsEveryEarlierHeadOfItself() async {
    await propertyCheck(count: 20, input: Gen.int(in: 0...40), Gen.int(in: 0...40), Gen.int(in: 0...Int.max))
    {
      first, more, seed in
      checking {
        try withArchive { archive, _ in
          try fill(archive, seed: UInt64(seed), count: first)
          let old = try archive.treeHead(time: noon)
          try fill(archive, seed: UInt64(seed) &+ 1, count: more)
          let report = try archive.checkConsistency(with: old, trustedKey: nil, time: noon)
          #expect(report.passed, "\(report.failure ?? "")")
          #expect(report.new.size == UInt64(first + more))
          #expect(
            MerkleVerification.verifyConsistency(
              report.proof, oldSize: old.size, oldRoot: old.root, newSize: report.new.size,
              newRoot: report.new.root))
        }
      }
    }
  }

  @Test func aRewrittenHistoryFailsConsistencyNamingTheFirstEventsThatDiffer() throws {
    try withArchive { original, _ in
      try fill(original, seed: 30, count: 21)
      let head = try original.treeHead(time: noon)
      var events = try original.events().map(\.event)
      for changed in [1, 8, 21] {
        var random = RandomEvents(seed: 99)
        events[changed - 1] = random.event()
        try withArchive { rewritten, _ in
          _ = try rewritten.appendEvents(events + [random.event()])
          let report = try rewritten.checkConsistency(with: head, trustedKey: nil, time: noon)
          #expect(!report.passed)
          let range = try #require(report.firstDifference)
          #expect(range.contains(UInt64(changed)))
          #expect(report.failure?.contains("\(range.lowerBound)") == true)
        }
        events = try original.events().map(\.event)
      }
      try withArchive { shorter, _ in
        _ = try shorter.appendEvents(events.prefix(15))
        let report = try shorter.checkConsistency(with: head, trustedKey: nil, time: noon)
        #expect(report.failure?.contains("events 16 to 21 are gone") == true)
      }
    }
  }

  @Test func aSignedHeadVerifiesOnlyAsSignedAndWithItsOwnKey() throws {
    try withArchive { archive, _ in
      try fill(archive, seed: 2, count: 5)
      let key = Curve25519.Signing.PrivateKey()
      let signed = try archive.treeHead(time: noon).signed(with: key)
      #expect(signed.signatureIsValid)
      var checks: [String] = []
      #expect(Archive.signatureProblem(signed, trustedKey: key.publicKey, checks: &checks) == nil)
      #expect(Archive.signatureProblem(signed, trustedKey: nil, checks: &checks) == nil)
      let other = Curve25519.Signing.PrivateKey().publicKey
      #expect(Archive.signatureProblem(signed, trustedKey: other, checks: &checks) != nil)
      var unsigned = signed
      unsigned.signature = nil
      #expect(Archive.signatureProblem(unsigned, trustedKey: key.publicKey, checks: &checks) != nil)
      var altered = signed
      altered.time = Timestamp(microseconds: noon.microseconds + 1)
      #expect(!altered.signatureIsValid)
      #expect(Archive.signatureProblem(altered, trustedKey: nil, checks: &checks) != nil)
    }
  }

  @Test func aHeadReadsBackFromItsTextAndItsJSON() async {
    await propertyCheck(count: 20, input: Gen.int(in: 0...70), Gen.bool) { count, sign in
      checking {
        try withArchive { archive, _ in
          try fill(archive, seed: UInt64(count), count: count)
          var head = try archive.treeHead(time: noon)
          if sign { head = try head.signed(with: Curve25519.Signing.PrivateKey()) }
          var json: [UInt8] = []
          head.json.write(into: &json)
          #expect(try TreeHead(parsing: head.text, source: "t") == head)
          #expect(try TreeHead(parsing: String(decoding: json, as: UTF8.self), source: "j") == head)
        }
      }
    }
  }

  @Test func aHeadWhoseSubtreesDoNotHashToItsRootIsBadInput() throws {
    try withArchive { archive, _ in
      try fill(archive, seed: 1, count: 6)
      let text = try archive.treeHead(time: noon).text
      for bad in [
        text.replacingOccurrences(of: "size 6", with: "size 7"), "communique tree head v2\n", "",
        text + "\nsignature ed25519 AAAA BBBB\n",
      ] {
        #expect {
          _ = try TreeHead(parsing: bad, source: "head.txt")
        } throws: { error in
          (error as? ArchiveError)?.exitCode == 65 && "\(error)".hasPrefix("head.txt: ")
        }
      }
    }
  }

  @Test func thePythonCheckerComputesTheSameRootsAndProofsAtEverySizeAroundPowersOfTwo() throws {
    try withArchive { archive, path in
      try fill(archive, seed: 77, count: 70)
      let sizes: [UInt64] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 70]
      let (roots, inclusion, consistency) = try archive.log.read { reader in
        try archive.withTree(in: reader) { tree, _, inMemory in
          #expect(!inMemory)
          var roots: [(String, JSONValue)] = []
          var inclusion: [JSONValue] = []
          var consistency: [JSONValue] = []
          for size in 0...UInt64(70) {
            roots.append(("\(size)", .string(Hex.encode(try tree.root(size: size)))))
          }
          for size in sizes where size > 0 {
            for index in Set([0, size / 2, size - 1]).sorted() {
              let path = try tree.inclusionProof(index: index, size: size)
              inclusion.append(
                .object([
                  ("index", .int(Int(index))), ("size", .int(Int(size))),
                  ("path", .array(path.map { .string(Hex.encode($0)) })),
                ]))
            }
            for old in sizes where old <= size {
              let path = try tree.consistencyProof(from: old, to: size)
              consistency.append(
                .object([
                  ("old", .int(Int(old))), ("new", .int(Int(size))),
                  ("path", .array(path.map { .string(Hex.encode($0)) })),
                ]))
            }
          }
          return (roots, inclusion, consistency)
        }
      }
      let leaves = try archive.log.read { reader in
        var out: [JSONValue] = []
        try reader.forEach { raw in
          out.append(.string(Hex.encode(raw.envelope.canonicalBytes)))
          return true
        }
        return out
      }
      func vectors(_ inclusion: [JSONValue]) -> String {
        var bytes: [UInt8] = []
        JSONValue.object([
          ("leaves", .array(leaves)), ("roots", .object(roots)), ("inclusion", .array(inclusion)),
          ("consistency", .array(consistency)),
        ]).write(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
      }
      let file = try temporaryFile(vectors(inclusion))
      defer { try? FileManager.default.removeItem(atPath: file) }
      let fromLeaves = try checkProof(["vectors", file])
      #expect(fromLeaves.status == 0, "\(fromLeaves.out)\(fromLeaves.err)")
      let fromArchive = try checkProof(["vectors", file, "--archive", path])
      #expect(fromArchive.status == 0, "\(fromArchive.out)\(fromArchive.err)")
      #expect(fromArchive.out.contains("over 70 leaves"))
      // A claim with one wrong hash is caught: the check can fail.
      var wrong = inclusion
      wrong[wrong.count / 2] = .object([("index", .int(3)), ("size", .int(9)), ("path", .array([]))])
      let badFile = try temporaryFile(vectors(wrong))
      defer { try? FileManager.default.removeItem(atPath: badFile) }
      let caught = try checkProof(["vectors", badFile])
      #expect(caught.status == 1)
      #expect(caught.out.contains("audit path of leaf 3 in 9"))
    }
  }
}
